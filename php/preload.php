<?php
// For `opcache.preload`: compiles the Santral classes into the server
// once, so their FFI calls are allowed in web requests under PHP's
// default `ffi.enable=preload` (only preloaded code may use FFI there),
// and loads libsantral's declarations under the scope SANTRAL unless
// `ffi.preload` already did. The library is SANTRAL_LIB or the pkg-config
// one. A server started as root needs `opcache.preload_user`.
declare(strict_types=1);

require_once __DIR__ . '/autoload.php';

// The declarations: already there when `ffi.preload` named the header
// (the way that also works for a root-started server), else loaded here.
try {
    \FFI::scope(\Santral\Library::SCOPE);
} catch (\FFI\Exception $e) {
    $header = sys_get_temp_dir() . '/santral-preload-' . getmypid() . '.h';
    $lib = realpath(\Santral\Library::locate()) ?: \Santral\Library::locate();
    file_put_contents($header, \Santral\Library::preloadHeader($lib));
    \FFI::load($header);
    unlink($header);
}
// The classes too (autoloading them declares their traits).
foreach (['Santral', 'SantralException', 'WebhookHandler'] as $class) {
    class_exists("Santral\\$class");
}
