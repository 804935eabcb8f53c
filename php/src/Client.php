<?php
declare(strict_types=1);

namespace Santral;

/**
 * The Bulut Santralim API from PHP over ext-curl: one method per operation,
 * named as the operation (`hangup`, `list_announcements`, `create_contact`…),
 * from the core's table (Operations.php, generated). It works without FFI
 * (shared hosts): requests are written from the table, values sent as given
 * (write numbers to call as the PBX takes them: 905321234567). With a
 * `Santral` instance (FFI) it has the core check and write every request
 * (numbers normalised, every rule checked before sending) and read every
 * reply.
 *
 *   $c = new \Santral\Client(getenv('SANTRAL_KEY'));
 *   foreach ($c->list_announcements() as $a) { echo $a['id'], ' ', $a['name'], "\n"; }
 *   $c->hangup('f3797dfc-a818-11e7-bf70-cb295b6663ce');
 *
 * Replies: nothing (null) for OK, an int for an id, a string for a uuid,
 * URL or token, a bool for DND's new state, a list of records (arrays; a
 * paged list is a generator fetching page after page as you iterate), the
 * decoded JSON for CRM settings and call records. A refusal throws
 * ApiException with the core's code (`response.no_such_channel`).
 */
final class Client extends GeneratedClient
{
    public const BASE_URL = 'https://api.bulutsantralim.com';

    private string $baseUrl;
    private float $timeout;
    private ?string $proxy;
    private ?string $caBundle;
    private ?Santral $santral;
    private bool $pace;
    private int $attempts;
    /** @var array<string, array{float, float}> tokens and time per pool */
    private array $buckets = [];

    /**
     * @param array{timeout?: float, proxy?: string, ca_bundle?: string, santral?: Santral, pace?: bool, attempts?: int} $options
     */
    public function __construct(private string $key, string $baseUrl = self::BASE_URL, array $options = [])
    {
        $this->baseUrl = rtrim($baseUrl, '/');
        $this->timeout = (float) ($options['timeout'] ?? 70.0);
        $this->proxy = $options['proxy'] ?? null;
        $this->caBundle = $options['ca_bundle'] ?? null;
        $this->santral = $options['santral'] ?? null;
        $this->pace = $options['pace'] ?? true;
        $this->attempts = $options['attempts'] ?? 4;
    }

    public function __debugInfo(): array
    {
        return ['key' => self::mask($this->key), 'base_url' => $this->baseUrl];
    }

    /** A value as the text the PBX receives (every face the same). */
    public static function wireText(mixed $value): ?string
    {
        return match (true) {
            $value === null => null,
            is_bool($value) => $value ? 'true' : 'false',
            is_array($value) => implode(',', array_map(fn ($v) => (string) self::wireText($v), $value)),
            default => (string) $value,
        };
    }

    /** The key masked as the core masks it: K1234…9012. */
    public static function mask(string $key): string
    {
        $chars = self::chars($key);
        if (count($chars) < 12) {
            return '…';
        }
        $shown = fn (array $cs): string => (string) preg_replace('/[^A-Za-z0-9._-]/', '?', implode('', $cs));
        return $shown(array_slice($chars, 0, 5)) . '…' . $shown(array_slice($chars, -4));
    }

    /** @return list<string> the characters of $s (no ext-mbstring needed) */
    private static function chars(string $s): array
    {
        return preg_split('//u', $s, -1, PREG_SPLIT_NO_EMPTY) ?: str_split($s);
    }

    /**
     * The request of $operation: with FFI the core's (checked), else written
     * from the table.
     * @param array<string, mixed> $params
     * @return array{method:string, target:string, content_type:?string, body:string, redacted:string, idempotent:bool, pool:string, valid:bool, diagnostics:list<array<string,mixed>>}
     */
    public function prepare(string $operation, array $params): array
    {
        $op = Operations::ALL[$operation] ?? throw new \InvalidArgumentException("unknown operation $operation");
        if ($this->santral !== null) {
            return $this->santral->apiPrepare($operation, $this->key, $params);
        }
        $values = ['key' => $this->key];
        foreach ($params as $name => $value) {
            $text = self::wireText($value);
            if ($text !== null && $text !== '') {
                $values[$name] = $text;
            }
        }
        $missing = [];
        foreach ($op['params'] as [$name, , , $required]) {
            if ($required && $name !== 'key' && !isset($values[$name])) {
                $missing[] = ['severity' => 'error', 'code' => 'api.missing_param', 'path' => $name];
            }
        }
        $path = preg_replace_callback('/\{(\w+)\}/', fn ($m) => self::encode($values[$m[1]] ?? ''), $op['path']);
        $query = [];
        $form = [];
        $json = [];
        $document = null;
        foreach ($op['params'] as [$name, $place, $kind]) {
            if (!isset($values[$name])) {
                continue;
            }
            $v = $values[$name];
            if ($kind === 'document') {
                $document = $v; // a campaign: the whole body, its key inside
                continue;
            }
            if ($document === null && $operation === 'create_campaign' && $name === 'key') {
                continue;
            }
            match ($place) {
                'query' => $query[] = $name . '=' . self::encode($v),
                'form' => $form[] = $name . '=' . self::encode($v),
                'json' => $json[$name] = $kind === 'list' ? array_map('intval', explode(',', $v)) : $v,
                default => null,
            };
        }
        $target = $path . ($query === [] ? '' : '?' . implode('&', $query));
        [$ctype, $body] = match (true) {
            $document !== null => ['application/json', $document],
            $form !== [] => ['application/x-www-form-urlencoded', implode('&', $form)],
            $json !== [] => ['application/json', (string) json_encode($json, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES)],
            default => [null, ''],
        };
        return [
            'method' => $op['method'],
            'target' => $target,
            'content_type' => $ctype,
            'body' => $body,
            'redacted' => $op['method'] . ' ' . str_replace('key=' . self::encode($this->key), 'key=' . self::mask($this->key), $target),
            'idempotent' => $op['idempotent'],
            'pool' => $op['pool'],
            'valid' => $missing === [],
            'diagnostics' => $missing,
        ];
    }

    /** Percent-encoding as the core writes it (RFC 3986 unreserved and : / @ kept). */
    private static function encode(string $s): string
    {
        return strtr(rawurlencode($s), ['%3A' => ':', '%2F' => '/', '%40' => '@']);
    }

    /**
     * A reply of $operation: the success as the core reads it (with FFI) or
     * from the table; a refusal throws ApiException.
     */
    public function readReply(string $operation, int $status, string $body): mixed
    {
        if ($this->santral !== null) {
            $r = $this->santral->apiReadReply($operation, $status, $body);
            if (isset($r['failure'])) {
                $f = $r['failure'];
                throw new ApiException($operation, $f['code'], $status, $f['text'], $f['transient']);
            }
            return $this->value($operation, $r);
        }
        $op = Operations::ALL[$operation];
        $text = trim($body);
        if ($status !== 200) {
            throw new ApiException($operation, self::classify($status, $text), $status, self::maskIn($text, $this->key), $status === 429 || $status >= 500);
        }
        $unexpected = fn () => new ApiException($operation, 'response.unexpected', $status, implode('', array_slice(self::chars($text), 0, 200)), false);
        switch ($op['reply']) {
            case 'ok':
            case 'plus_ok':
            case 'empty':
                if ($text === '' || strcasecmp($text, 'ok') === 0 || $text === '+OK') {
                    return null;
                }
                throw $unexpected();
            case 'id':
                if (preg_match('/^[1-9][0-9]*$/', $text) !== 1) {
                    throw $unexpected();
                }
                return (int) $text;
            case 'call_uuid':
            case 'token':
                if ($text === '' || preg_match('/\s/', $text) === 1) {
                    throw $unexpected();
                }
                return $text;
            case 'dnd':
                if (preg_match('/^Changed DND of \d+ to (on|off)\.$/', $text, $m) !== 1) {
                    throw $unexpected();
                }
                return $m[1] === 'on';
            case 'url':
                if (str_starts_with($text, '{')) {
                    $j = json_decode($text, true);
                    return is_array($j) && isset($j['url']) ? (string) $j['url'] : throw $unexpected();
                }
                return filter_var($text, FILTER_VALIDATE_URL) !== false ? $text : throw $unexpected();
            default:
                $j = json_decode($text, true);
                if (!is_array($j)) {
                    throw $unexpected();
                }
                if (!$op['records']) {
                    return $j;
                }
                $list = $op['list_key'] === null ? $j : ($j[$op['list_key']] ?? throw $unexpected());
                $fields = array_keys($op['fields']);
                $rows = array_map(fn ($r) => is_array($r) ? $r : [$fields[0] => $r], $list);
                $this->lastPagination = $j['pagination'] ?? null;
                return $rows;
        }
    }

    /** @var array<string, int>|null the last list reply's pagination */
    public ?array $lastPagination = null;

    /** The typed value of a reply the core read. */
    private function value(string $operation, array $r): mixed
    {
        $this->lastPagination = $r['pagination'] ?? null;
        return match ($r['success']) {
            'ok' => null,
            'id' => $r['id'],
            'campaign_created' => $r['campaign_id'],
            'call_started' => $r['call_uuid'],
            'token' => $r['token'],
            'url' => $r['url'],
            'dnd' => $r['state'] === 'on',
            'records' => $r['records'],
            default => $r,
        };
    }

    /** The code of a refusal, from the failure texts of the core's table. */
    public static function classify(int $status, string $text): string
    {
        if ($status === 429) {
            return 'response.rate_limited';
        }
        if (in_array($status, [404, 405], true) && in_array($text, ['Not Found', 'Method Not Allowed'], true)) {
            return 'response.no_endpoint';
        }
        foreach (Operations::FAILURES as [$t, $how, $code]) {
            $hit = match ($how) {
                'exact' => $text === $t,
                'prefix' => str_starts_with($text, $t) && (strlen($text) === strlen($t) || $text[strlen($t)] === ' '),
                'suffix' => str_ends_with($text, $t) && strlen($text) > strlen($t) && !str_contains(substr($text, 0, -strlen($t)), ' '),
                'contains' => str_contains($text, $t),
                'wrap' => str_starts_with($text, explode(' * ', $t)[0] . ' ') && str_ends_with($text, ' ' . explode(' * ', $t)[1]),
                default => false,
            };
            if ($hit) {
                return $code;
            }
        }
        return 'response.unexpected';
    }

    private static function maskIn(string $text, string $key): string
    {
        return $key === '' ? $text : str_replace($key, self::mask($key), $text);
    }

    /** @param array<string, mixed> $params */
    protected function call(string $operation, array $params): mixed
    {
        $op = Operations::ALL[$operation];
        $paged = $op['records'] && array_key_exists('page', $params) && $params['page'] === null
            && in_array('page', array_column($op['params'], 0), true);
        if ($paged) {
            return $this->pages($operation, $params);
        }
        return $this->once($operation, $params);
    }

    /** @param array<string, mixed> $params */
    private function pages(string $operation, array $params): \Generator
    {
        $page = 1;
        do {
            $params['page'] = $page > 1 ? $page : null;
            foreach ($this->once($operation, $params) as $row) {
                yield $row;
            }
            $total = (int) ($this->lastPagination['total_pages'] ?? 1);
        } while (++$page <= $total);
    }

    /** @param array<string, mixed> $params */
    private function once(string $operation, array $params): mixed
    {
        $p = $this->prepare($operation, $params);
        if (!$p['valid']) {
            $d = $p['diagnostics'][0];
            throw new SantralException("$operation: {$d['code']} (at {$d['path']})", SANTRAL_INVALID, $d['code'], $p['diagnostics']);
        }
        for ($attempt = 1; ; $attempt++) {
            if ($this->pace) {
                $this->take(Operations::ALL[$operation]);
            }
            [$status, $body, $retryAfter, $error] = $this->send($p);
            $transient = $error !== null ? ($error === 'connect' || $p['idempotent'])
                : ($status === 429 || ($status >= 500 && $p['idempotent']));
            if ($transient && $attempt < $this->attempts) {
                $wait = max($retryAfter ?? 0.0, 0.5 * 2 ** ($attempt - 1));
                usleep((int) (min(8.0, $wait) * (1.0 + mt_rand() / mt_getrandmax() / 2) * 1e6));
                continue;
            }
            if ($error !== null) {
                throw new ApiException($operation, 'response.unexpected', null, "no answer ($error)", true);
            }
            return $this->readReply($operation, $status, $body);
        }
    }

    /** Waits for a token of the operation's rate pool (the vendor's budget). */
    private function take(array $op): void
    {
        [$requests, $per, $burst] = $op['budget'];
        $now = microtime(true);
        [$tokens, $at] = $this->buckets[$op['pool']] ?? [(float) $burst, $now];
        $tokens = min((float) $burst, $tokens + ($now - $at) * $requests / $per);
        if ($tokens < 1.0) {
            usleep((int) ((1.0 - $tokens) * $per / $requests * 1e6) + 20000);
            $now = microtime(true);
            $tokens = 1.0;
        }
        $this->buckets[$op['pool']] = [$tokens - 1.0, $now];
    }

    /**
     * @param array{method:string, target:string, content_type:?string, body:string} $p
     * @return array{int, string, ?float, ?string}
     */
    private function send(array $p): array
    {
        $h = curl_init($this->baseUrl . $p['target']);
        $headers = [];
        $retryAfter = null;
        curl_setopt_array($h, [
            CURLOPT_CUSTOMREQUEST => $p['method'],
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT_MS => (int) ($this->timeout * 1000),
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_HEADERFUNCTION => function ($h, $line) use (&$retryAfter) {
                if (stripos($line, 'retry-after:') === 0) {
                    $retryAfter = (float) trim(substr($line, 12));
                }
                return strlen($line);
            },
        ]);
        if ($p['content_type'] !== null) {
            $headers[] = 'Content-Type: ' . $p['content_type'];
            curl_setopt($h, CURLOPT_POSTFIELDS, $p['body']);
        }
        curl_setopt($h, CURLOPT_HTTPHEADER, $headers);
        if ($this->proxy !== null) {
            curl_setopt($h, CURLOPT_PROXY, $this->proxy);
        }
        if ($this->caBundle !== null) {
            curl_setopt($h, CURLOPT_CAINFO, $this->caBundle);
        }
        $body = curl_exec($h);
        if ($body === false) {
            $errno = curl_errno($h);
            curl_close($h);
            return [0, '', null, $errno === CURLE_COULDNT_CONNECT ? 'connect' : 'transport'];
        }
        $status = (int) curl_getinfo($h, CURLINFO_RESPONSE_CODE);
        curl_close($h);
        return [$status, (string) $body, $retryAfter, null];
    }
}
