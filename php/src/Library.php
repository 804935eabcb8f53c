<?php
declare(strict_types=1);

namespace Santral;

/**
 * Finds libsantral and binds it. In production (`ffi.enable=preload`, PHP's
 * default) the declarations are loaded once per server with
 * `ffi.preload` (or `opcache.preload` running `preload.php`) under the
 * scope `SANTRAL`, and every request uses that scope; otherwise the
 * library is bound per process from, in order: the constructor's
 * argument, `SANTRAL_LIB`, the installed pkg-config file's `libdir`, or
 * the system's library path.
 */
final class Library
{
    /** The FFI scope a preloaded header declares. */
    public const SCOPE = 'SANTRAL';

    /** The declarations, generated from include/santral.h. */
    public static function header(): string
    {
        return (string) file_get_contents(__DIR__ . '/../santral_ffi.h');
    }

    /**
     * The header for `ffi.preload` / `FFI::load`: the declarations with
     * `FFI_SCOPE` and an absolute `FFI_LIB` (dlopen resolves a relative one
     * from the current directory, not from the header).
     */
    public static function preloadHeader(string $library): string
    {
        return sprintf("#define FFI_SCOPE \"%s\"\n#define FFI_LIB \"%s\"\n%s", self::SCOPE, $library, self::header());
    }

    /** The library to bind when none is given. */
    public static function locate(?string $library = null): string
    {
        if ($library !== null && $library !== '') {
            return $library;
        }
        $env = getenv('SANTRAL_LIB');
        if (is_string($env) && $env !== '') {
            return $env;
        }
        $libdir = @shell_exec('pkg-config --variable=libdir santral 2>/dev/null');
        if (is_string($libdir) && trim($libdir) !== '' && is_file(trim($libdir) . '/libsantral.so')) {
            return trim($libdir) . '/libsantral.so';
        }
        return 'libsantral.so';
    }

    /** The preloaded scope when there is one (and no library was named), else a fresh binding. */
    public static function bind(?string $library = null): \FFI
    {
        if ($library === null) {
            try {
                return \FFI::scope(self::SCOPE);
            } catch (\FFI\Exception $e) {
                // Not preloaded: bind below.
            }
        }
        return \FFI::cdef(self::header(), self::locate($library));
    }
}
