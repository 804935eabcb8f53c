<?php
// The conformance vectors through PHP: the Santral class over libsantral (FFI).
//   php -d ffi.enable=1 conformance/runners/php.php LIBSANTRAL.so conformance/vectors.jsonl > out.jsonl
// Fails (exit 2) when the class has a public method this runner does not map
// to an entry point or explain.
declare(strict_types=1);

require_once __DIR__ . '/../../examples/php/Santral.php';

const API = [
    'parsePhone' => 'phone', 'formatPhone' => 'phone', 'sameNumber' => 'same_number', 'matchKey' => 'match_key',
    'parseTarget' => 'target', 'checkPhrase' => 'phrase', 'check' => 'check', 'transfer' => 'transfer',
    'prompt' => 'prompt', 'record' => 'record', 'speechToText' => 'speech_to_text',
    'buildCampaign' => 'campaign_build', 'logoFromEvent' => 'logo', 'codes' => 'codes',
    'apiPrepare' => 'api_request', 'apiReadReply' => 'api_reply',
    'clientAllowed' => 'client_address', 'clientAddress' => 'client_address', 'formFields' => 'form_fields',
    'receive' => 'receive', 'advisoryRead' => 'receive', 'advisoryAnswer' => 'advisory_answer',
];
const NOT_ENTRIES = [
    '__construct' => 'setup', 'version' => 'not an outcome', 'codeId' => 'codes', 'codeMessage' => 'codes',
    'handlerFailed' => 'not an input\'s outcome (the 500 after a handler failed)',
];

/** A session store holding the step before's digits parameter, whatever the call. */
final class StepBefore implements \Santral\AdvisorySessions
{
    public ?string $saved = null;

    public function __construct(private ?string $name)
    {
    }

    public function load(string $uuid): ?string
    {
        return $this->name;
    }

    public function save(string $uuid, ?string $paramName): void
    {
        $this->saved = $paramName;
    }
}

/** An answer as the vectors show it. */
function answer(array $r): array
{
    [$status, $headers, $body] = $r;
    return ['status' => $status, 'content_type' => $headers['Content-Type'] ?? null, 'allow' => $headers['Allow'] ?? null, 'body' => $body];
}

/** A request through WebhookHandler::routes(), the handlers recording what they were handed. */
function receive(Santral $s, array $a): mixed
{
    $c = $a['config'];
    $r = $a['request'];
    $seen = [];
    $h = \Santral\WebhookHandler::routes(
        $s,
        onCallEvent: function (array $e) use (&$seen): void { $seen[] = [$e['kind'], $e['key']]; },
        onCampaignReport: function (array $e) use (&$seen): void { $seen[] = [$e['kind'], $e['key']]; },
        onAdvisory: function (array $q) use (&$seen): ?string { $seen[] = ['advisory-request', $q['key']]; return null; },
        allow: $c['allow'] ?? null,
        trustedProxies: $c['trusted_proxies'] ?? null,
        secret: $c['secret'] ?? null,
        eventsPath: $c['events_path'] ?? null,
        reportsPath: $c['reports_path'] ?? null,
        advisoryPath: $c['advisory_path'] ?? null,
        sessions: new StepBefore($r['param_name'] ?? null),
        fallback: $c['fallback'] ?? null,
        bodyLimit: $c['body_limit'] ?? null,
    );
    $body = isset($r['body_hex']) ? (string) hex2bin($r['body_hex']) : ($r['body'] ?? '');
    $out = answer($h($r['method'], $body, $r['peer'], $r['forwarded_for'] ?? null, $r['path'], $r['query'] ?? '', $r['content_type'] ?? null));
    $out['handover'] = $seen[0][0] ?? null;
    $out['key'] = $seen[0][1] ?? null;
    return $out;
}

/** The routing handler's answer through WebhookHandler::routes(). */
function advisory_answer(Santral $s, array $a): mixed
{
    $sessions = new StepBefore(null);
    $h = \Santral\WebhookHandler::routes($s, onAdvisory: fn (array $q): ?string => $a['response'], allow: '127.0.0.1/32',
        sessions: $sessions, fallback: $a['fallback']);
    $out = answer($h('GET', '', '127.0.0.1', null, '/advisory', 'uuid=u1&cli=05321234567&cld=902120000000&step=1'));
    return ['status' => $out['status'], 'content_type' => $out['content_type'], 'body' => $out['body'],
        'param_name' => $sessions->saved, 'fell_back' => $a['response'] === null || $out['body'] !== $a['response']];
}

$unknown = array_diff(
    array_map(fn ($m) => $m->getName(), (new ReflectionClass(Santral::class))->getMethods(ReflectionMethod::IS_PUBLIC)),
    array_keys(API),
    array_keys(NOT_ENTRIES),
);
if ($unknown !== []) {
    fwrite(STDERR, 'Santral has public methods no conformance entry covers: ' . implode(', ', $unknown) . "\n");
    exit(2);
}

$s = new Santral($argv[1]);

function canonical(?array $d): ?array
{
    if ($d === null) {
        return null;
    }
    $r = $d['related'];
    return [
        'severity' => $d['severity'], 'code' => $d['code'], 'path' => $d['path'], 'offset' => $d['offset'],
        'end' => $d['end'], 'line' => $d['line'], 'column' => $d['column'], 'suggestion' => $d['suggestion'],
        'related' => $r === null ? null : [$r['offset'], $r['end'], $r['line'], $r['column']],
    ];
}

function input(array $a): string
{
    return array_key_exists('input', $a) ? $a['input'] : (string) hex2bin($a['input_hex']);
}

function ok_or_error(callable $f): array
{
    try {
        return ['ok' => $f()];
    } catch (SantralException $e) {
        return ['error' => canonical($e->diagnostic())];
    }
}

function run(Santral $s, string $entry, array $a): mixed
{
    switch ($entry) {
        case 'phone':
            $flags = SANTRAL_PHONE_DEFAULT;
            if (($a['lenient'] ?? null) === true) $flags |= SANTRAL_PHONE_LENIENT;
            if (($a['allow_extension'] ?? null) === false) $flags |= SANTRAL_PHONE_NO_EXTENSION;
            if (($a['extension_first'] ?? null) === true) $flags |= SANTRAL_PHONE_EXTENSION_FIRST;
            return ok_or_error(fn () => $s->parsePhone($a['input'], $flags, $a['region'] ?? null));
        case 'same_number':
            return ['same' => $s->sameNumber($a['a'], $a['b'])];
        case 'match_key':
            return ok_or_error(fn () => $s->matchKey($a['input']));
        case 'target':
            $ctx = ($a['context'] ?? null) === 'advisory' ? SANTRAL_CONTEXT_ADVISORY : SANTRAL_CONTEXT_CAMPAIGN;
            // A valid target displays as written: its text is the input.
            return ok_or_error(fn () => ['kind' => ($t = $s->parseTarget($a['input'], $ctx))['kind'], 'text' => $a['input'], 'announcement_id' => $t['announcement_id']]);
        case 'phrase':
            $p = $s->checkPhrase($a['input']);
            return ['valid' => $p['valid'], 'announcement_ids' => $p['announcement_ids'], 'diagnostics' => array_map('canonical', $p['diagnostics'])];
        case 'check':
            $opts = array_filter(array_intersect_key($a, array_flip(['today', 'param_name', 'max_diagnostics', 'duplicate_leads'])), fn ($v) => $v !== null);
            try {
                $r = $s->check($a['kind'], input($a), $opts);
            } catch (SantralException $e) {
                return ['option_error' => canonical($e->diagnostic())];
            }
            return ['valid' => $r['valid'], 'errors' => $r['errors'], 'warnings' => $r['warnings'],
                'diagnostics' => array_map('canonical', $r['diagnostics']), 'diagnostics_omitted' => $r['diagnostics_omitted'],
                'summary' => (object) $r['summary']];
        case 'transfer':
            return ok_or_error(fn () => $s->transfer($a['target'], $a));
        case 'prompt':
            return ok_or_error(fn () => $s->prompt($a));
        case 'record':
            return ok_or_error(fn () => $s->record($a['announcement_id'] ?? null, $a['phrase'] ?? null, $a['lang'] ?? null));
        case 'speech_to_text':
            return ok_or_error(fn () => $s->speechToText($a['announcement_id'], $a['recognation_duration'] ?? null));
        case 'campaign_build':
            return ok_or_error(fn () => $s->buildCampaign($a['header'], $a['leads']));
        case 'logo':
            $o = [];
            foreach (['trigger' => ['answer' => SANTRAL_LOGO_TRIGGER_ANSWER, 'ringing' => SANTRAL_LOGO_TRIGGER_RINGING],
                      'caller_form' => ['national' => SANTRAL_LOGO_CALLER_NATIONAL, 'bare' => SANTRAL_LOGO_CALLER_BARE, 'e164' => SANTRAL_LOGO_CALLER_E164]] as $k => $names) {
                if (isset($a[$k])) $o[$k] = $names[$a[$k]] ?? 99;
            }
            if (isset($a['keypress'])) $o['keypress'] = (int) $a['keypress'];
            if (isset($a['agent_id'])) $o['agent_id'] = $a['agent_id'];
            try {
                $body = $s->logoFromEvent($a['input'], $o);
            } catch (SantralException $e) {
                if ($e->result === SANTRAL_UNKNOWN_KIND) {
                    return ['argument_error' => ($o['trigger'] ?? 0) === 99 ? 'trigger' : (($o['caller_form'] ?? 0) === 99 ? 'caller_form' : 'keypress')];
                }
                return ['status' => 'invalid', 'body' => null, 'error' => canonical($e->diagnostic())];
            }
            return ['status' => $body === null ? 'not_trigger' : 'ok', 'body' => $body, 'error' => null];
        case 'codes':
            return ['codes' => $s->codes()];
        case 'api_request':
            $r = $s->apiPrepare($a['operation'], $a['key'] ?? '', array_diff_key($a, ['operation' => 1, 'key' => 1]));
            $r['diagnostics'] = array_map(fn ($d) => canonical($d), $r['diagnostics']);
            return $r;
        case 'api_reply':
            $r = $s->apiReadReply($a['operation'], $a['status'], $a['body']);
            if (isset($r['records'])) {
                // JSON objects, also when a record is empty.
                $r['records'] = array_map(fn ($rec) => (object) $rec, $r['records']);
            }
            return $r;
        case 'client_address':
            $xff = isset($a['forwarded_for_hex']) ? (string) hex2bin($a['forwarded_for_hex']) : ($a['forwarded_for'] ?? null);
            return [
                'client' => $s->clientAddress($a['peer'], $xff, $a['trusted_proxies'] ?? null),
                'allowed' => $s->clientAllowed($a['peer'], $xff, $a['allow'] ?? null, $a['trusted_proxies'] ?? null),
            ];
        case 'receive':
            return receive($s, $a);
        case 'advisory_answer':
            return advisory_answer($s, $a);
        case 'form_fields':
            try {
                return ['fields' => (object) $s->formFields($a['kind'], $a['input'])];
            } catch (SantralException $e) {
                return ['argument_error' => 'kind'];
            }
    }
    throw new LogicException($entry);
}

$entries = array_values(array_unique(array_values(API)));
echo json_encode(['face' => 'php', 'entries' => $entries, 'missing' => [
    'call_event' => 'checked through check()', 'campaign_report' => 'checked through check()',
    'advisory_request' => 'checked through check()',
    'api_incoming' => "the PBX's side: the simulator's face",
    'api_route' => "the PBX's side of every operation in both dialects, read into parameters by the core; the simulator answers them (api_incoming: the operation it read)",
]]), "\n";
foreach (file($argv[2], FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
    $v = json_decode($line, true);
    if (!in_array($v['entry'], $entries, true)) {
        continue;
    }
    $a = $v['args'];
    if ($v['entry'] === 'receive' && isset($a['request']['content_length'])
        && $a['request']['content_length'] !== strlen($a['request']['body'] ?? '')) {
        echo json_encode(['id' => $v['id'], 'inexpressible' => 'the handler gets the body PHP read (the web server bounds its length)']), "\n";
        continue;
    }
    if (($v['entry'] === 'transfer' && ((($a['announcement_to_caller'] ?? null) === 0) || (($a['announcement_to_callee'] ?? null) === 0)))
        || ($v['entry'] === 'prompt' && ($a['announcement_id'] ?? null) === 0)) {
        echo json_encode(['id' => $v['id'], 'inexpressible' => 'an id of 0 means none in the C ABI']), "\n";
        continue;
    }
    echo json_encode(['id' => $v['id'], 'outcome' => run($s, $v['entry'], $a)], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
}
