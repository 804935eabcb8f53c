<?php
declare(strict_types=1);

namespace Santral;

/** Checks: call targets, TTS phrases, every payload kind. */
trait Checks
{
    /**
     * Parses a call target in SANTRAL_CONTEXT_CAMPAIGN (the default) or _ADVISORY.
     * @return array{kind:string, announcement_id:?int}
     */
    public function parseTarget(string $target, int $context = SANTRAL_CONTEXT_CAMPAIGN): array
    {
        $info = $this->ffi->new('santral_target_info');
        $err = $this->ffi->new('santral_error');
        $this->raise($this->ffi->santral_target_parse($target, strlen($target), $context, \FFI::addr($info), \FFI::addr($err)), $err);
        return ['kind' => \FFI::string($info->kind), 'announcement_id' => $info->announcement_id === 0 ? null : $info->announcement_id];
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
        $this->ffi->santral_phrase_check($phrase, strlen($phrase), SANTRAL_LANG_EN, $callback, null, \FFI::addr($errors));
        $ids = null;
        if ($errors->cdata === 0) {
            $buf = $this->ffi->new('uint64_t[64]');
            $count = $this->ffi->new('size_t');
            $this->ffi->santral_phrase_announcements($phrase, strlen($phrase), $buf, 64, \FFI::addr($count));
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
        $this->ffi->santral_check_options_init(\FFI::addr($opts));
        $keep = [];
        foreach (['today', 'param_name'] as $name) {
            if (isset($options[$name])) {
                $keep[$name] = $this->cString((string) $options[$name]);
                $opts->$name = \FFI::cast('char *', \FFI::addr($keep[$name][0]));
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
        $r = $this->ffi->santral_check_into($kind, $input, strlen($payload), \FFI::addr($opts), $records, $opts->max_diagnostics, \FFI::addr($count), \FFI::addr($report));
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
        $summary = $this->text(fn ($buf, $c, $len) => $this->ffi->santral_check_summary_json($kind, $input, strlen($payload), \FFI::addr($opts), $buf, $c, $len));
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
     * The known fields of a webhook form ("call-event" or "campaign-report"),
     * decoded, by their declared names: what santral reads and checks. Unlike
     * PHP's parse_str(), a name is never rewritten (`caller.id_number` is not
     * `caller_id_number`), `name[]` never becomes an array, and an unknown
     * field is not there.
     * @return array<string,string>
     */
    public function formFields(string $kind, string $body): array
    {
        $input = $this->bytes($body);
        $json = $this->text(fn ($buf, $c, $len) => $this->ffi->santral_form_fields_json($kind, $input, strlen($body), $buf, $c, $len));
        /** @var array<string,string> $fields */
        $fields = json_decode((string) $json, true, 2, JSON_THROW_ON_ERROR);
        return $fields;
    }
}
