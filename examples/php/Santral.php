<?php
// A small PHP class over libsantral through PHP FFI (PHP 8.2, ffi.enable
// = preload or true). No protocol logic here: every verdict comes from the
// library; this only converts between PHP and C.
//
//   $s = new Santral('/usr/local/lib/libsantral.so');
//   $s->matchKey('+90 533 497 97 14');            // "5334979714"
//   $s->check('campaign', file_get_contents('campaign.json'));

declare(strict_types=1);

require_once __DIR__ . '/santral_constants.php';

final class SantralException extends RuntimeException
{
    /** @param list<array<string,mixed>> $diagnostics */
    public function __construct(
        string $message,
        public readonly int $result,
        public readonly ?string $codeId = null,
        public readonly array $diagnostics = [],
    ) {
        parent::__construct($message, $result);
    }
}

final class Santral
{
    private FFI $ffi;

    public function __construct(string $library)
    {
        $this->ffi = FFI::cdef((string) file_get_contents(__DIR__ . '/santral_ffi.h'), $library);
    }

    public function version(): string
    {
        // FFI returns `const char *` results as PHP strings.
        return (string) $this->ffi->santral_version();
    }

    /** The dotted id of a code number, e.g. "phone.too_short". */
    public function codeId(int $number): ?string
    {
        return $this->ffi->santral_code_id($number);
    }

    public function codeMessage(int $number, int $lang = SANTRAL_LANG_EN): ?string
    {
        return $this->ffi->santral_code_message($number, $lang);
    }

    /** @return array{country_code:int, kind:string, valid:bool, possible:bool, national_number:string, warning:?string} */
    public function parsePhone(string $number, int $flags = SANTRAL_PHONE_STRICT): array
    {
        $info = $this->ffi->new('santral_phone_info');
        $err = $this->ffi->new('santral_error');
        $r = $this->ffi->santral_phone_parse($number, strlen($number), $flags, FFI::addr($info), FFI::addr($err));
        $this->raise($r, $err);
        return [
            'country_code' => $info->country_code,
            'kind' => FFI::string($info->kind),
            'valid' => $info->valid,
            'possible' => $info->possible,
            'national_number' => FFI::string($info->national_number),
            'warning' => $info->warning === 0 ? null : $this->codeId($info->warning),
        ];
    }

    /** One of SANTRAL_FORMAT_*; null when the number has no such form (a 444 number's E.164). */
    public function formatPhone(string $number, int $format, int $flags = SANTRAL_PHONE_STRICT): ?string
    {
        $err = $this->ffi->new('santral_error');
        return $this->text(
            fn ($buf, $cap, $len) => $this->ffi->santral_phone_format($number, strlen($number), $flags, $format, $buf, $cap, $len, FFI::addr($err)),
            $err,
        );
    }

    public function sameNumber(string $a, string $b): bool
    {
        $same = $this->ffi->new('bool');
        $this->raise($this->ffi->santral_phone_same($a, strlen($a), $b, strlen($b), FFI::addr($same)));
        return $same->cdata;
    }

    /** The key to store and look a number up by, instead of LIKE '%…'. */
    public function matchKey(string $number): string
    {
        $err = $this->ffi->new('santral_error');
        return (string) $this->text(
            fn ($buf, $cap, $len) => $this->ffi->santral_phone_match_key($number, strlen($number), $buf, $cap, $len, FFI::addr($err)),
            $err,
        );
    }

    /**
     * Checks a payload of $kind ("campaign", "call-event", "opencart-request", …).
     * @return array{valid:bool, errors:int, warnings:int, diagnostics:list<array<string,mixed>>, summary:array<string,mixed>}
     */
    public function check(string $kind, string $payload, int $lang = SANTRAL_LANG_EN, int $max = 64): array
    {
        $input = $this->bytes($payload);
        $records = $this->ffi->new("santral_diagnostic_record[$max]");
        $count = $this->ffi->new('size_t');
        $report = $this->ffi->new('santral_report');
        $r = $this->ffi->santral_check_into($kind, $input, strlen($payload), null, $records, $max, FFI::addr($count), FFI::addr($report));
        if ($r !== SANTRAL_OK && $r !== SANTRAL_INVALID) {
            $this->raise($r);
        }
        $diagnostics = [];
        for ($i = 0; $i < $count->cdata; $i++) {
            $d = $records[$i];
            $diagnostics[] = [
                'severity' => $d->severity === SANTRAL_SEVERITY_ERROR ? 'error' : 'warning',
                'code' => $this->codeId($d->code),
                'message' => $this->codeMessage($d->code, $lang),
                'path' => FFI::string($d->path),
                'offset' => $d->offset,
                'line' => $d->line,
                'column' => $d->column,
            ];
        }
        $summary = $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_check_summary_json($kind, $input, strlen($payload), null, $buf, $cap, $len));
        return [
            'valid' => $report->valid,
            'errors' => $report->errors,
            'warnings' => $report->warnings,
            'diagnostics' => $diagnostics,
            'summary' => json_decode((string) $summary, true),
        ];
    }

    /** The JSON of an advisory transfer to $target. */
    public function transfer(string $target, ?string $greetName = null, int $lang = SANTRAL_TTS_DEFAULT): string
    {
        $spec = $this->ffi->new('santral_transfer');
        // The char arrays must outlive the call: keep them in this scope.
        $t = $this->cString($target);
        $g = $greetName === null ? null : $this->cString($greetName);
        $spec->target = FFI::addr($t[0]);
        $spec->greet_name = $g === null ? null : FFI::addr($g[0]);
        $spec->lang = $lang;
        $spec->recording_enabled = -1;
        $err = $this->ffi->new('santral_error');
        return (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_build_transfer(FFI::addr($spec), $buf, $cap, $len, FFI::addr($err)), $err);
    }

    /** The Logo CRM body for a call-event form body, or null when the event is not the trigger. */
    public function logoFromEvent(string $event, int $keypress = 1): ?string
    {
        $input = $this->bytes($event);
        $opts = $this->ffi->new('santral_logo_options');
        $opts->trigger = SANTRAL_LOGO_TRIGGER_ANSWER;
        $opts->agent_id = null;
        $opts->caller_form = SANTRAL_LOGO_CALLER_NATIONAL;
        $opts->keypress = $keypress;
        $err = $this->ffi->new('santral_error');
        return $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_logo_from_event($input, strlen($event), FFI::addr($opts), $buf, $cap, $len, FFI::addr($err)), $err);
    }

    /** Calls $f(buf, cap, len_ptr), growing the buffer on SANTRAL_INSUFFICIENT_SIZE. */
    private function text(callable $f, ?FFI\CData $err = null): ?string
    {
        $cap = 256;
        for ($attempt = 0; $attempt < 2; $attempt++) {
            $buf = $this->ffi->new("char[$cap]");
            $len = $this->ffi->new('size_t');
            $r = $f($buf, $cap, FFI::addr($len));
            if ($r === SANTRAL_INSUFFICIENT_SIZE) {
                $cap = $len->cdata;
                continue;
            }
            if ($r === SANTRAL_NOT_APPLICABLE) {
                return null;
            }
            if ($r === SANTRAL_OK || ($r === SANTRAL_INVALID && $len->cdata > 0)) {
                return FFI::string($buf, $len->cdata);
            }
            $this->raise($r, $err);
        }
        throw new SantralException('buffer negotiation failed', SANTRAL_PANIC);
    }

    /** PHP strings pass as char*, not uint8_t*: copy into a uint8_t array. */
    private function bytes(string $s): FFI\CData
    {
        $n = max(1, strlen($s));
        $buf = $this->ffi->new("uint8_t[$n]");
        FFI::memcpy($buf, $s, strlen($s));
        return $buf;
    }

    /** A NUL-terminated char array (owned by PHP: keep it alive while C uses it). */
    private function cString(string $s): FFI\CData
    {
        $buf = $this->ffi->new('char[' . (strlen($s) + 1) . ']');
        FFI::memcpy($buf, $s . "\0", strlen($s) + 1);
        return $buf;
    }

    private function raise(int $result, ?FFI\CData $err = null): void
    {
        if ($result === SANTRAL_OK) {
            return;
        }
        $name = (string) $this->ffi->santral_result_name($result);
        $code = ($err !== null && $err->code !== 0) ? $this->codeId($err->code) : null;
        $message = $code === null ? $name : "$name: $code: " . $this->codeMessage($err->code);
        throw new SantralException($message, $result, $code);
    }
}
