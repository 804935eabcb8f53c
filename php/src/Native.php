<?php
declare(strict_types=1);

namespace Santral;

/** The conversions between PHP and C every concern shares. */
trait Native
{
    /** A diagnostic (a callback's or a stored record) as a PHP array. */
    private function diagnostic(\FFI\CData $d, bool $fromCallback, int $lang = SANTRAL_LANG_EN): array
    {
        $suggestion = $fromCallback ? ($d->suggestion === null ? '' : \FFI::string($d->suggestion)) : \FFI::string($d->suggestion);
        return [
            'severity' => $d->severity === SANTRAL_SEVERITY_ERROR ? 'error' : 'warning',
            'code' => $this->codeId($d->code),
            'message' => $this->codeMessage($d->code, $lang),
            'path' => \FFI::string($d->path),
            'offset' => $d->offset,
            'end' => $d->end,
            'line' => $d->line,
            'column' => $d->column,
            'suggestion' => $suggestion === '' ? null : $suggestion,
            'related' => $d->has_related ? ['offset' => $d->related_offset, 'end' => $d->related_end, 'line' => $d->related_line, 'column' => $d->related_column] : null,
        ];
    }

    /** A value's error as a PHP array (the same keys as a check's diagnostic). */
    private function error(\FFI\CData $e): array
    {
        $suggestion = \FFI::string($e->suggestion);
        return [
            'severity' => $this->ffi->santral_code_severity($e->code) === SANTRAL_SEVERITY_ERROR ? 'error' : 'warning',
            'code' => $this->codeId($e->code),
            'message' => $this->codeMessage($e->code),
            'path' => \FFI::string($e->path),
            'offset' => $e->offset,
            'end' => $e->end,
            'line' => $e->line,
            'column' => $e->column,
            'suggestion' => $suggestion === '' ? null : $suggestion,
            'related' => null,
        ];
    }

    /** Calls $f(buf, cap, len_ptr), growing the buffer on SANTRAL_INSUFFICIENT_SIZE. */
    private function text(callable $f, ?\FFI\CData $err = null): ?string
    {
        $cap = 256;
        for ($attempt = 0; $attempt < 2; $attempt++) {
            $buf = $this->ffi->new("char[$cap]");
            $len = $this->ffi->new('size_t');
            $r = $f($buf, $cap, \FFI::addr($len));
            if ($r === SANTRAL_INSUFFICIENT_SIZE) {
                $cap = $len->cdata;
                continue;
            }
            if ($r === SANTRAL_NOT_APPLICABLE) {
                return null;
            }
            if ($r === SANTRAL_OK || ($r === SANTRAL_INVALID && $len->cdata > 0)) {
                return \FFI::string($buf, $len->cdata);
            }
            $this->raise($r, $err);
        }
        throw new SantralException('buffer negotiation failed', SANTRAL_PANIC);
    }

    /** PHP strings pass as char*, not uint8_t*: copy into a uint8_t array. */
    private function bytes(string $s): \FFI\CData
    {
        $n = max(1, strlen($s));
        $buf = $this->ffi->new("uint8_t[$n]");
        \FFI::memcpy($buf, $s, strlen($s));
        return $buf;
    }

    /** A NUL-terminated char array (owned by PHP: keep it alive while C uses it). */
    private function cString(string $s): \FFI\CData
    {
        $buf = $this->ffi->new('char[' . (strlen($s) + 1) . ']');
        \FFI::memcpy($buf, $s . "\0", strlen($s) + 1);
        return $buf;
    }

    /** A `const char *` for a struct field, its array kept alive in $keep; null stays NULL. */
    private function keep(array &$keep, ?string $s): ?\FFI\CData
    {
        if ($s === null) {
            return null;
        }
        $keep[] = $this->cString($s);
        return \FFI::cast('char *', \FFI::addr(end($keep)[0]));
    }

    /** @param list<array<string,mixed>> $diagnostics */
    private function describe(int $result, array $diagnostics): string
    {
        $name = (string) $this->ffi->santral_result_name($result);
        $d = $diagnostics[0] ?? null;
        return $d === null ? $name : "$name: {$d['code']}: {$d['message']}" . ($d['path'] !== '' ? " (at {$d['path']})" : '');
    }

    private function raise(int $result, ?\FFI\CData $err = null): void
    {
        if ($result === SANTRAL_OK) {
            return;
        }
        $diagnostics = ($err !== null && $err->code !== 0) ? [$this->error($err)] : [];
        throw new SantralException($this->describe($result, $diagnostics), $result, $diagnostics[0]['code'] ?? null, $diagnostics);
    }
}
