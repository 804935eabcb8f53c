<?php
declare(strict_types=1);

namespace Santral;

/** Every API operation through libsantral: its request prepared, its reply read. */
trait Api
{
    /**
     * The request of $operation with $params (the vendor's names; values as
     * text, a bool true/false, a list joined by commas), written and checked
     * by the core: method, target, content_type, body, redacted, idempotent,
     * pool, valid, diagnostics.
     * @param array<string, mixed> $params
     * @return array{method:string, target:string, content_type:?string, body:string, redacted:string, idempotent:bool, pool:string, valid:bool, diagnostics:list<array<string,mixed>>}
     */
    public function apiPrepare(string $operation, string $key, array $params = []): array
    {
        $keep = [];
        $n = 0;
        $pairs = [];
        foreach ($params as $name => $value) {
            $text = Client::wireText($value);
            if ($text !== null) {
                $pairs[] = [(string) $name, $text];
            }
        }
        $c = $this->ffi->new('santral_api_param[' . max(1, count($pairs)) . ']');
        foreach ($pairs as [$name, $text]) {
            $c[$n]->name = $this->keep($keep, $name);
            $c[$n]->value = $this->keep($keep, $text);
            $n++;
        }
        $diagnostics = [];
        $collect = function ($user, $d) use (&$diagnostics) {
            $diagnostics[] = $this->diagnostic($d, true);
            return 0;
        };
        $out = $this->ffi->new('santral_api_buffers');
        $info = $this->ffi->new('santral_api_request');
        $r = $this->ffi->santral_api_prepare($operation, $key, $c, $n, SANTRAL_LANG_EN, null, null, \FFI::addr($out), \FFI::addr($info));
        if ($r === SANTRAL_INSUFFICIENT_SIZE) {
            $bufs = [];
            foreach (['target', 'body', 'redacted'] as $f) {
                $cap = $out->{$f . '_len'};
                $bufs[$f] = $this->ffi->new("char[$cap]");
                $out->{$f} = \FFI::cast('char *', \FFI::addr($bufs[$f][0]));
                $out->{$f . '_cap'} = $cap;
            }
            $r = $this->ffi->santral_api_prepare($operation, $key, $c, $n, SANTRAL_LANG_EN, $collect, null, \FFI::addr($out), \FFI::addr($info));
        }
        if ($r !== SANTRAL_OK && $r !== SANTRAL_INVALID) {
            $this->raise($r);
        }
        return [
            'method' => \FFI::string($info->method),
            'target' => \FFI::string($out->target, $out->target_len),
            'content_type' => $info->content_type === null ? null : \FFI::string($info->content_type),
            'body' => \FFI::string($out->body, $out->body_len),
            'redacted' => \FFI::string($out->redacted, $out->redacted_len),
            'idempotent' => $info->idempotent,
            'pool' => \FFI::string($info->pool),
            'valid' => $r === SANTRAL_OK,
            'diagnostics' => $diagnostics,
        ];
    }

    /**
     * A reply of $operation read by the core: ['success' => kind, …values]
     * (id, call_uuid, url, token, extension/state, records with pagination,
     * settings) or ['failure' => [code, status, transient, text]] (any key
     * the PBX echoed is masked).
     * @return array<string, mixed>
     */
    public function apiReadReply(string $operation, int $status, string $body): array
    {
        $records = [];
        // FFI hands `const char *` arguments to PHP as strings (or null).
        $onField = function ($user, $record, $name, $json, $malformed) use (&$records) {
            $records[$record][$name] = json_decode((string) $json, true);
            if ($malformed !== null) {
                $records[$record]['malformed'][$name] = (string) $malformed;
            }
            return 0;
        };
        $reply = $this->ffi->new('santral_api_reply');
        $cap = max(256, strlen($body) + 64);
        $text = $this->ffi->new("char[$cap]");
        $len = $this->ffi->new('size_t');
        $input = $this->bytes($body);
        $r = $this->ffi->santral_api_read_reply($operation, $status, $input, strlen($body), \FFI::addr($reply), $text, $cap, \FFI::addr($len), $onField, null);
        if ($r !== SANTRAL_OK && $r !== SANTRAL_INVALID) {
            $this->raise($r);
        }
        $value = \FFI::string($text, $len->cdata);
        $kind = \FFI::string($reply->kind);
        if ($r === SANTRAL_INVALID) {
            return ['failure' => ['code' => $this->codeId($reply->code), 'status' => $status, 'transient' => $reply->transient, 'text' => $value]];
        }
        $pagination = $reply->has_pagination
            ? ['page' => $reply->page, 'total_count' => $reply->total_count, 'total_pages' => $reply->total_pages, 'limit' => $reply->limit]
            : null;
        while (count($records) < $reply->records) {
            $records[] = [];
        }
        ksort($records);
        $records = array_values($records);
        return match ($kind) {
            'campaign_created' => ['success' => $kind, 'campaign_id' => $reply->id],
            'id' => ['success' => $kind, 'id' => $reply->id],
            'call_started' => ['success' => $kind, 'call_uuid' => $value],
            'token' => ['success' => $kind, 'token' => $value],
            'dnd' => ['success' => $kind, 'extension' => explode(' ', $value)[0], 'state' => explode(' ', $value)[1]],
            'url' => ['success' => $kind, 'url' => $value, 'expires_at' => $records[0]['expires_at'] ?? null],
            'crm_settings' => ['success' => $kind, 'settings' => $records[0]],
            'cdr' => ['success' => $kind, 'call_uuid' => $records[0]['call_uuid'], 'steps' => $reply->steps],
            'cdrs' => ['success' => $kind, 'call_uuids' => array_map(fn ($r) => $r['call_uuid'], $records), 'pagination' => $pagination],
            'records' => ['success' => $kind, 'records' => $records, 'pagination' => $pagination],
            default => ['success' => $kind],
        };
    }
}
