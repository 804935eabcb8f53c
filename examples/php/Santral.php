<?php
// A PHP class over libsantral through PHP FFI (PHP 8.2, ffi.enable
// = preload or true). No protocol logic here: every verdict, option
// default and name comes from the library; this only converts between
// PHP and C.
//
//   $s = new Santral('/usr/local/lib/libsantral.so');
//   $s->matchKey('+90 533 497 97 14');            // "5334979714"
//   $s->check('campaign', file_get_contents('campaign.json'), ['today' => '2024-06-01']);

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

    /** The first diagnostic (code, path, offset, end, line, column, suggestion), if any. */
    public function diagnostic(): ?array
    {
        return $this->diagnostics[0] ?? null;
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

    /** @return list<string> every diagnostic code's dotted id */
    public function codes(): array
    {
        $ids = [];
        for ($i = 0; $i < $this->ffi->santral_code_count(); $i++) {
            $ids[] = (string) $this->codeId($this->ffi->santral_code_at($i));
        }
        return $ids;
    }

    /**
     * Parses a phone number; `$flags` are SANTRAL_PHONE_* (0: the core's default,
     * strict with extensions accepted). Every form the number has (null for one it has not).
     * @return array<string,mixed>
     */
    public function parsePhone(string $number, int $flags = SANTRAL_PHONE_DEFAULT): array
    {
        $info = $this->ffi->new('santral_phone_info');
        $err = $this->ffi->new('santral_error');
        $r = $this->ffi->santral_phone_parse($number, strlen($number), $flags, FFI::addr($info), FFI::addr($err));
        $this->raise($r, $err);
        $phone = [
            'valid' => $info->valid,
            'kind' => FFI::string($info->kind),
            'country_code' => $info->country_code,
            'national_number' => FFI::string($info->national_number),
        ];
        $formats = [
            'e164' => SANTRAL_FORMAT_E164, 'wire' => SANTRAL_FORMAT_WIRE, 'national' => SANTRAL_FORMAT_NATIONAL,
            'international' => SANTRAL_FORMAT_INTERNATIONAL, 'display' => SANTRAL_FORMAT_DISPLAY,
            'display_international' => SANTRAL_FORMAT_DISPLAY_INTERNATIONAL,
        ];
        foreach ($formats as $name => $format) {
            $phone[$name] = $this->formatPhone($number, $format, $flags);
        }
        $phone['match_key'] = FFI::string($info->match_key);
        $phone['warning'] = $info->warning === 0 ? null : $this->codeId($info->warning);
        return $phone;
    }

    /** One of SANTRAL_FORMAT_*; null when the number has no such form (a 444 number's E.164). */
    public function formatPhone(string $number, int $format, int $flags = SANTRAL_PHONE_DEFAULT): ?string
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
     * Parses a call target in SANTRAL_CONTEXT_CAMPAIGN (the default) or _ADVISORY.
     * @return array{kind:string, announcement_id:?int}
     */
    public function parseTarget(string $target, int $context = SANTRAL_CONTEXT_CAMPAIGN): array
    {
        $info = $this->ffi->new('santral_target_info');
        $err = $this->ffi->new('santral_error');
        $this->raise($this->ffi->santral_target_parse($target, strlen($target), $context, FFI::addr($info), FFI::addr($err)), $err);
        return ['kind' => FFI::string($info->kind), 'announcement_id' => $info->announcement_id === 0 ? null : $info->announcement_id];
    }

    /**
     * Checks a TTS phrase: every bad word as a diagnostic (path `phrase`).
     * @return array{valid:bool, announcement_ids:?list<int>, diagnostics:list<array<string,mixed>>}
     */
    public function checkPhrase(string $phrase): array
    {
        // The C ABI delivers a phrase's diagnostics to a callback: PHP FFI
        // calls this closure for each.
        $diagnostics = [];
        $callback = function ($user, $d) use (&$diagnostics) {
            $diagnostics[] = $this->diagnostic($d, true);
            return 0;
        };
        $errors = $this->ffi->new('size_t');
        $this->ffi->santral_phrase_check($phrase, strlen($phrase), SANTRAL_LANG_EN, $callback, null, FFI::addr($errors));
        $ids = null;
        if ($errors->cdata === 0) {
            $buf = $this->ffi->new('uint64_t[64]');
            $count = $this->ffi->new('size_t');
            $this->ffi->santral_phrase_announcements($phrase, strlen($phrase), $buf, 64, FFI::addr($count));
            $ids = [];
            for ($i = 0; $i < min(64, $count->cdata); $i++) {
                $ids[] = $buf[$i];
            }
        }
        return ['valid' => $errors->cdata === 0, 'announcement_ids' => $ids, 'diagnostics' => $diagnostics];
    }

    /**
     * Checks a payload of $kind ("campaign", "call-event", "opencart-request", …).
     * $options: today (YYYY-MM-DD), param_name, max_diagnostics, duplicate_leads; an
     * option left out is the core's default. An unusable option throws with its diagnostic.
     * @param array<string,mixed> $options
     * @return array{valid:bool, errors:int, warnings:int, diagnostics:list<array<string,mixed>>, diagnostics_omitted:int, summary:array<string,mixed>}
     */
    public function check(string $kind, string $payload, array $options = [], int $lang = SANTRAL_LANG_EN): array
    {
        $input = $this->bytes($payload);
        $opts = $this->ffi->new('santral_check_options');
        $this->ffi->santral_check_options_init(FFI::addr($opts));
        $keep = [];
        foreach (['today', 'param_name'] as $name) {
            if (isset($options[$name])) {
                $keep[$name] = $this->cString((string) $options[$name]);
                $opts->$name = FFI::cast('char *', FFI::addr($keep[$name][0]));
            }
        }
        foreach (['max_diagnostics', 'duplicate_leads'] as $name) {
            if (isset($options[$name])) {
                $opts->$name = (int) $options[$name];
            }
        }
        $cap = max(1, $opts->max_diagnostics);
        $records = $this->ffi->new("santral_diagnostic_record[$cap]");
        $count = $this->ffi->new('size_t');
        $report = $this->ffi->new('santral_report');
        $r = $this->ffi->santral_check_into($kind, $input, strlen($payload), FFI::addr($opts), $records, $opts->max_diagnostics, FFI::addr($count), FFI::addr($report));
        $diagnostics = [];
        for ($i = 0; $i < $count->cdata; $i++) {
            $diagnostics[] = $this->diagnostic($records[$i], false, $lang);
        }
        if ($r === SANTRAL_INVALID_OPTION) {
            throw new SantralException($this->describe($r, $diagnostics), $r, $diagnostics[0]['code'] ?? null, $diagnostics);
        }
        if ($r !== SANTRAL_OK && $r !== SANTRAL_INVALID) {
            $this->raise($r);
        }
        $summary = $this->text(fn ($buf, $c, $len) => $this->ffi->santral_check_summary_json($kind, $input, strlen($payload), FFI::addr($opts), $buf, $c, $len));
        return [
            'valid' => $report->valid,
            'errors' => $report->errors,
            'warnings' => $report->warnings,
            'diagnostics' => $diagnostics,
            'diagnostics_omitted' => $report->diagnostics_omitted,
            'summary' => json_decode((string) $summary, true),
        ];
    }

    /**
     * The JSON of an advisory transfer. $spec: greet_name, greet_phrase, lang
     * ("tr-TR"…), announcement_to_caller, announcement_to_callee, recording_enabled.
     * @param array<string,mixed> $spec
     */
    public function transfer(string $target, array $spec = []): string
    {
        $t = $this->ffi->new('santral_transfer');
        $keep = [];
        $t->target = $this->keep($keep, $target);
        $t->greet_name = $this->keep($keep, $spec['greet_name'] ?? null);
        $t->greet_phrase = $this->keep($keep, $spec['greet_phrase'] ?? null);
        $t->lang = $this->keep($keep, $spec['lang'] ?? null);
        $t->announcement_to_caller = (int) ($spec['announcement_to_caller'] ?? 0);
        $t->announcement_to_callee = (int) ($spec['announcement_to_callee'] ?? 0);
        $t->recording_enabled = isset($spec['recording_enabled']) ? (int) (bool) $spec['recording_enabled'] : -1;
        $err = $this->ffi->new('santral_error');
        return (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_build_transfer(FFI::addr($t), $buf, $cap, $len, FFI::addr($err)), $err);
    }

    /**
     * The JSON of an advisory prompt: min_digits, max_digits, retry_count, and an
     * announcement_id or a phrase; phrase_speed, lang, timeout, digit_timeout,
     * service_url, param_name optional.
     * @param array<string,mixed> $spec
     */
    public function prompt(array $spec): string
    {
        $p = $this->ffi->new('santral_prompt');
        $keep = [];
        $p->announcement_id = (int) ($spec['announcement_id'] ?? 0);
        $p->phrase = $this->keep($keep, $spec['phrase'] ?? null);
        $p->phrase_speed = (float) ($spec['phrase_speed'] ?? 0.0);
        $p->lang = $this->keep($keep, $spec['lang'] ?? null);
        foreach (['min_digits', 'max_digits', 'timeout', 'digit_timeout', 'retry_count'] as $n) {
            $p->$n = (int) ($spec[$n] ?? 0);
        }
        $p->service_url = $this->keep($keep, $spec['service_url'] ?? null);
        $p->param_name = $this->keep($keep, $spec['param_name'] ?? null);
        $err = $this->ffi->new('santral_error');
        return (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_build_prompt(FFI::addr($p), $buf, $cap, $len, FFI::addr($err)), $err);
    }

    /** The JSON of an advisory record (after an optional announcement or phrase). */
    public function record(?int $announcementId = null, ?string $phrase = null, ?string $lang = null): string
    {
        $err = $this->ffi->new('santral_error');
        return (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_build_record($announcementId ?? 0, $phrase, $lang, $buf, $cap, $len, FFI::addr($err)), $err);
    }

    /** The JSON of an advisory speech_to_text (`recognation_duration` 1–10, null for the default). */
    public function speechToText(int $announcementId, ?int $recognationDuration = null): string
    {
        $err = $this->ffi->new('santral_error');
        return (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_build_speech_to_text($announcementId, $recognationDuration ?? 0, $buf, $cap, $len, FFI::addr($err)), $err);
    }

    /**
     * A campaign request from a header (the campaign JSON without phone_list) and leads
     * `[phone, phrase|null, lang|null]`; the header's values are written in the builder's types.
     * @param list<array{0:string,1:?string,2:?string}> $leads
     */
    public function buildCampaign(string $header, array $leads): string
    {
        $n = count($leads);
        $list = $this->ffi->new('santral_lead[' . max(1, $n) . ']');
        $keep = [];
        foreach (array_values($leads) as $i => [$phone, $phrase, $lang]) {
            $list[$i]->phone = $this->keep($keep, $phone);
            $list[$i]->phrase = $this->keep($keep, $phrase);
            $list[$i]->lang = $this->keep($keep, $lang);
        }
        $report = $this->ffi->new('santral_report');
        $err = $this->ffi->new('santral_error');
        $input = $this->cString($header);
        $text = null;
        $cap = 4096;
        for ($attempt = 0; $attempt < 2; $attempt++) {
            $buf = $this->ffi->new("char[$cap]");
            $len = $this->ffi->new('size_t');
            $r = $this->ffi->santral_build_campaign(FFI::cast('char *', FFI::addr($input[0])), strlen($header), $list, $n, $buf, $cap, FFI::addr($len), FFI::addr($report), FFI::addr($err));
            if ($r === SANTRAL_INSUFFICIENT_SIZE) {
                $cap = $len->cdata;
                continue;
            }
            // SANTRAL_INVALID without an error: written, but the request has errors (check it).
            if ($r === SANTRAL_OK || ($r === SANTRAL_INVALID && $err->code === 0)) {
                return FFI::string($buf, $len->cdata);
            }
            $this->raise($r, $err);
        }
        throw new SantralException('buffer negotiation failed', SANTRAL_PANIC);
    }

    /**
     * The Logo CRM body for a call-event form body, or null when the event is not the
     * trigger. $options: keypress (1–3), caller_form (SANTRAL_LOGO_CALLER_*), trigger
     * (SANTRAL_LOGO_TRIGGER_*), agent_id; left out: the core's default.
     * @param array<string,mixed> $options
     */
    public function logoFromEvent(string $event, array $options = []): ?string
    {
        $input = $this->bytes($event);
        $opts = $this->ffi->new('santral_logo_options');
        $keep = [];
        $opts->trigger = (int) ($options['trigger'] ?? SANTRAL_LOGO_TRIGGER_ANSWER);
        $opts->agent_id = $this->keep($keep, $options['agent_id'] ?? null);
        $opts->caller_form = (int) ($options['caller_form'] ?? SANTRAL_LOGO_CALLER_NATIONAL);
        $opts->keypress = (int) ($options['keypress'] ?? 1);
        $err = $this->ffi->new('santral_error');
        return $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_logo_from_event($input, strlen($event), FFI::addr($opts), $buf, $cap, $len, FFI::addr($err)), $err);
    }

    /** A diagnostic (a callback's or a stored record) as a PHP array. */
    private function diagnostic(FFI\CData $d, bool $fromCallback, int $lang = SANTRAL_LANG_EN): array
    {
        $suggestion = $fromCallback ? ($d->suggestion === null ? '' : FFI::string($d->suggestion)) : FFI::string($d->suggestion);
        return [
            'severity' => $d->severity === SANTRAL_SEVERITY_ERROR ? 'error' : 'warning',
            'code' => $this->codeId($d->code),
            'message' => $this->codeMessage($d->code, $lang),
            'path' => FFI::string($d->path),
            'offset' => $d->offset,
            'end' => $d->end,
            'line' => $d->line,
            'column' => $d->column,
            'suggestion' => $suggestion === '' ? null : $suggestion,
            'related' => $d->has_related ? ['offset' => $d->related_offset, 'end' => $d->related_end, 'line' => $d->related_line, 'column' => $d->related_column] : null,
        ];
    }

    /** A value's error as a PHP array (the same keys as a check's diagnostic). */
    private function error(FFI\CData $e): array
    {
        $suggestion = FFI::string($e->suggestion);
        return [
            'severity' => $this->ffi->santral_code_severity($e->code) === SANTRAL_SEVERITY_ERROR ? 'error' : 'warning',
            'code' => $this->codeId($e->code),
            'message' => $this->codeMessage($e->code),
            'path' => FFI::string($e->path),
            'offset' => $e->offset,
            'end' => $e->end,
            'line' => $e->line,
            'column' => $e->column,
            'suggestion' => $suggestion === '' ? null : $suggestion,
            'related' => null,
        ];
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

    /** A `const char *` for a struct field, its array kept alive in $keep; null stays NULL. */
    private function keep(array &$keep, ?string $s): ?FFI\CData
    {
        if ($s === null) {
            return null;
        }
        $keep[] = $this->cString($s);
        return FFI::cast('char *', FFI::addr(end($keep)[0]));
    }

    /** @param list<array<string,mixed>> $diagnostics */
    private function describe(int $result, array $diagnostics): string
    {
        $name = (string) $this->ffi->santral_result_name($result);
        $d = $diagnostics[0] ?? null;
        return $d === null ? $name : "$name: {$d['code']}: {$d['message']}" . ($d['path'] !== '' ? " (at {$d['path']})" : '');
    }

    private function raise(int $result, ?FFI\CData $err = null): void
    {
        if ($result === SANTRAL_OK) {
            return;
        }
        $diagnostics = ($err !== null && $err->code !== 0) ? [$this->error($err)] : [];
        throw new SantralException($this->describe($result, $diagnostics), $result, $diagnostics[0]['code'] ?? null, $diagnostics);
    }
}
