<?php
declare(strict_types=1);

namespace Santral;

/**
 * The receiving side (libsantral's `santral_receive`): what to answer a
 * request the PBX sent and what to hand over. WebhookHandler calls these
 * and only moves bytes.
 *
 * An answer is `['status' => int, 'headers' => [name => value], 'body' =>
 * string]`; receive() adds `handover` (`call_event`, `campaign_report`,
 * `advisory` or null) and `key` (the value's idempotency key, or the
 * routing query's call uuid).
 */
trait Receiving
{
    /**
     * @param array{allow?:?string, trusted_proxies?:?string, secret?:?string, events_path?:?string,
     *              reports_path?:?string, advisory_path?:?string, body_limit?:?int} $settings
     *        null or absent: the core's default; an empty path turns its route off
     * @return array{status:int, headers:array<string,string>, body:string, handover:?string, key:?string}
     */
    public function receive(
        array $settings,
        string $method,
        string $path,
        string $query,
        string $body,
        string $peer,
        ?string $forwardedFor = null,
        ?string $contentType = null,
        ?int $contentLength = null,
    ): array {
        $keep = [];
        $r = $this->ffi->new('santral_receiver');
        foreach (['allow', 'trusted_proxies', 'secret', 'events_path', 'reports_path', 'advisory_path'] as $name) {
            $r->{$name} = $this->keep($keep, $settings[$name] ?? null);
        }
        $r->body_limit = (int) ($settings['body_limit'] ?? 0);
        $q = $this->ffi->new('santral_http_request');
        $q->method = $this->keep($keep, $method);
        $q->path = $this->keep($keep, $path);
        $q->query = $this->keep($keep, $query);
        $q->peer = $this->keep($keep, $peer);
        $q->forwarded_for = $this->keep($keep, $forwardedFor);
        $q->content_type = $this->keep($keep, $contentType);
        $q->has_content_length = $contentLength !== null;
        $q->content_length = $contentLength ?? 0;
        $q->body = $this->keep($keep, $body);
        $q->body_len = strlen($body);
        $head = $this->ffi->new('santral_answer');
        $err = $this->ffi->new('santral_error');
        $cap = 4096;
        for ($attempt = 0; $attempt < 2; $attempt++) {
            $out = $this->ffi->new("char[$cap]");
            $key = $this->ffi->new("char[$cap]");
            $len = $this->ffi->new('size_t');
            $keyLen = $this->ffi->new('size_t');
            $result = $this->ffi->santral_receive(\FFI::addr($r), \FFI::addr($q), \FFI::addr($head), $out, $cap, \FFI::addr($len), $key, $cap, \FFI::addr($keyLen), \FFI::addr($err));
            if ($result === SANTRAL_INSUFFICIENT_SIZE) {
                $cap = max($len->cdata, $keyLen->cdata);
                continue;
            }
            $this->raise($result, $err);
            $answer = $this->answer($head, \FFI::string($out, $len->cdata));
            $handover = \FFI::string($head->handover);
            $answer['handover'] = $handover === '' ? null : $handover;
            $answer['key'] = $handover === '' || $keyLen->cdata === 0 ? null : \FFI::string($key, $keyLen->cdata);
            return $answer;
        }
        throw new SantralException('buffer negotiation failed', SANTRAL_PANIC);
    }

    /**
     * A routing query read with the digits parameter the call's step
     * before named (null: `digits`): `['request' => [uuid, cli, cld, step,
     * error, result, digits]]` (numbers normalised, the digits under
     * `digits`), or `['answer' => the 400 to write]`.
     *
     * @return array{request?:array<string,mixed>, answer?:array{status:int, headers:array<string,string>, body:string}}
     */
    public function advisoryRead(string $query, ?string $paramName = null): array
    {
        $head = $this->ffi->new('santral_answer');
        $body = (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_advisory_read($query, $paramName, \FFI::addr($head), $buf, $cap, $len));
        // SANTRAL_OK (it reads) writes no answer: its status stays 0.
        if ($head->status === 0) {
            $request = (array) json_decode($body, true, 8, JSON_THROW_ON_ERROR);
            unset($request['kind']);
            return ['request' => $request];
        }
        return ['answer' => $this->answer($head, $body)];
    }

    /**
     * What the PBX hears after a routing query: the handler's $response
     * when the core accepts it, else $fallback (null: hang up) — never
     * silence; `param_name` to remember for the call's next step (null:
     * `digits`), `fell_back` whether the fallback was chosen.
     *
     * @return array{status:int, headers:array<string,string>, body:string, param_name:?string, fell_back:bool}
     */
    public function advisoryAnswer(?string $response, ?string $fallback = null): array
    {
        $head = $this->ffi->new('santral_answer');
        $fell = $this->ffi->new('bool');
        $body = $this->ffi->new('char[65536]');
        $param = $this->ffi->new('char[64]');
        $len = $this->ffi->new('size_t');
        $paramLen = $this->ffi->new('size_t');
        $this->raise($this->ffi->santral_advisory_answer($response, $fallback, \FFI::addr($head), $body, 65536, \FFI::addr($len), $param, 64, \FFI::addr($paramLen), \FFI::addr($fell)));
        $answer = $this->answer($head, \FFI::string($body, $len->cdata));
        $answer['param_name'] = $paramLen->cdata === 0 ? null : \FFI::string($param, $paramLen->cdata);
        $answer['fell_back'] = $fell->cdata;
        return $answer;
    }

    /**
     * The answer when a handler failed on a value handed over (500: the
     * PBX may send it again).
     *
     * @return array{status:int, headers:array<string,string>, body:string}
     */
    public function handlerFailed(): array
    {
        $head = $this->ffi->new('santral_answer');
        $body = (string) $this->text(fn ($buf, $cap, $len) => $this->ffi->santral_handler_failed(\FFI::addr($head), $buf, $cap, $len));
        return $this->answer($head, $body);
    }

    /** @return array{status:int, headers:array<string,string>, body:string} */
    private function answer(\FFI\CData $head, string $body): array
    {
        $headers = ['Content-Type' => \FFI::string($head->content_type)];
        $allow = \FFI::string($head->allow);
        if ($allow !== '') {
            $headers['Allow'] = $allow;
        }
        return ['status' => $head->status, 'headers' => $headers, 'body' => $body];
    }
}
