<?php
declare(strict_types=1);

namespace Santral;

/** Builders: advisory responses, campaigns, the Logo CRM body. */
trait Builders
{
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
        return (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_build_transfer(\FFI::addr($t), $buf, $cap, $len, \FFI::addr($err)), $err);
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
        return (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_build_prompt(\FFI::addr($p), $buf, $cap, $len, \FFI::addr($err)), $err);
    }

    /** The JSON of an advisory record (after an optional announcement or phrase). */
    public function record(?int $announcementId = null, ?string $phrase = null, ?string $lang = null): string
    {
        $err = $this->ffi->new('santral_error');
        return (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_build_record($announcementId ?? 0, $phrase, $lang, $buf, $cap, $len, \FFI::addr($err)), $err);
    }

    /** The JSON of an advisory speech_to_text (`recognation_duration` 1–10, null for the default). */
    public function speechToText(int $announcementId, ?int $recognationDuration = null): string
    {
        $err = $this->ffi->new('santral_error');
        return (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_build_speech_to_text($announcementId, $recognationDuration ?? 0, $buf, $cap, $len, \FFI::addr($err)), $err);
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
            $r = $this->ffi->santral_build_campaign(\FFI::cast('char *', \FFI::addr($input[0])), strlen($header), $list, $n, $buf, $cap, \FFI::addr($len), \FFI::addr($report), \FFI::addr($err));
            if ($r === SANTRAL_INSUFFICIENT_SIZE) {
                $cap = $len->cdata;
                continue;
            }
            // SANTRAL_INVALID without an error: written, but the request has errors (check it).
            if ($r === SANTRAL_OK || ($r === SANTRAL_INVALID && $err->code === 0)) {
                return \FFI::string($buf, $len->cdata);
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
        return $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_logo_from_event($input, strlen($event), \FFI::addr($opts), $buf, $cap, $len, \FFI::addr($err)), $err);
    }
}
