<?php
declare(strict_types=1);

namespace Santral;

/**
 * Receives the PBX's webhooks (call events, campaign reports, Santral
 * Programlama queries) in any PHP framework: a plain callable for
 * frameworks without PSR-15, and `process()` for PSR-7/15 stacks. santral
 * decides everything (libsantral's `santral_receive`: who may call, which
 * route, the verification ping, the size bound, every byte of every
 * answer, the same as the Python kit's and the gateway's); the handler
 * only moves bytes:
 *
 * - a caller outside the allow-list (the vendor's addresses unless
 *   given): 403; no such route: 404; a method the route does not take:
 *   405 with `Allow`; over 1 MiB: 413;
 * - the PBX's verification ping (an empty body or `{}`): 200 `OK`, and no
 *   callback;
 * - a valid body: the callback gets `['kind' => …, 'key' => …, 'summary'
 *   => …, 'fields' => …]` — the kind (`call-event`, `campaign-report`),
 *   its idempotency key (a resend has the same), santral's summary, the
 *   fields santral checked by their declared names — then 200 `OK`; a
 *   callback that throws makes it a 500 (the PBX may send it again);
 * - an invalid body: 400 with the core's diagnostics as JSON
 *   (`{"diagnostics":[…]}`); no callback;
 * - a routing query: the advisory callback gets `['kind' =>
 *   'advisory-request', 'key' => uuid, 'request' => [uuid, cli, cld, step,
 *   error, result, digits]]` (read with the digits parameter the call's
 *   step before named) and returns a response built with the Builders (or
 *   null); the PBX hears it when santral accepts it, else the fallback.
 *
 * One kind at one URL (the framework routes):
 *
 *   $handler = new \Santral\WebhookHandler($santral, 'call-event', function (array $event) { … });
 *   [$status, $headers, $body] = $handler($_SERVER['REQUEST_METHOD'], file_get_contents('php://input'), $_SERVER['REMOTE_ADDR']);
 *
 * Or every route by path (`/events`, `/reports`, `/advisory`, under
 * `/<secret>/` with a secret):
 *
 *   $handler = \Santral\WebhookHandler::routes($santral, onCallEvent: fn (array $e) => …, secret: 's3cr3t');
 *   [$status, $headers, $body] = $handler($method, $body, $peer, $forwardedFor, $path, $query, $contentType);
 */
final class WebhookHandler
{
    /** @var array<string, ?callable> handlers by handover kind */
    private array $handlers;

    /** @var array<string, string|int|null> the receiver's settings */
    private array $settings;

    /** The path a one-kind handler presents its requests at. */
    private ?string $fixedPath = null;

    /**
     * One kind, at whatever URL the framework mounts it.
     *
     * @param string $kind "call-event" or "campaign-report"
     * @param callable(array<string,mixed>):void $onEvent
     * @param ?string $allow comma-separated address blocks; null: the vendor's own addresses
     * @param ?string $trustedProxies blocks whose X-Forwarded-For is believed
     */
    public function __construct(
        private Santral $santral,
        string $kind,
        callable $onEvent,
        ?string $allow = null,
        ?string $trustedProxies = null,
    ) {
        $this->settings = ['allow' => $allow, 'trusted_proxies' => $trustedProxies];
        $this->handlers = [$kind => $onEvent];
        // The route the core serves this kind at: the other routes off.
        $this->fixedPath = '/' . $kind;
        $this->settings['events_path'] = $kind === 'call-event' ? $this->fixedPath : '';
        $this->settings['reports_path'] = $kind === 'campaign-report' ? $this->fixedPath : '';
        $this->settings['advisory_path'] = '';
        if ($this->settings['events_path'] === '' && $this->settings['reports_path'] === '') {
            throw new \InvalidArgumentException("a webhook kind is call-event or campaign-report, not $kind");
        }
        $this->checkSettings();
    }

    /**
     * Every route by path: `/events`, `/reports`, `/advisory` unless
     * given (an empty path turns a route off), under `/<secret>/` with a
     * secret (the PBX signs nothing: the allow-list and the secret are the
     * defence).
     *
     * @param ?callable(array<string,mixed>):void $onCallEvent
     * @param ?callable(array<string,mixed>):void $onCampaignReport
     * @param ?callable(array<string,mixed>):?string $onAdvisory returns a routing response (Builders) or null
     * @param ?AdvisorySessions $sessions where the digits parameter a prompt names waits for the next step
     * @param ?string $fallback what the PBX hears when $onAdvisory gives nothing usable (null: hang up)
     * @param ?int $bodyLimit the largest body taken (null: 1 MiB)
     */
    public static function routes(
        Santral $santral,
        ?callable $onCallEvent = null,
        ?callable $onCampaignReport = null,
        ?callable $onAdvisory = null,
        ?string $allow = null,
        ?string $trustedProxies = null,
        ?string $secret = null,
        ?string $eventsPath = null,
        ?string $reportsPath = null,
        ?string $advisoryPath = null,
        ?AdvisorySessions $sessions = null,
        ?string $fallback = null,
        ?int $bodyLimit = null,
    ): self {
        $h = (new \ReflectionClass(self::class))->newInstanceWithoutConstructor();
        $h->santral = $santral;
        $h->handlers = ['call-event' => $onCallEvent, 'campaign-report' => $onCampaignReport, 'advisory-request' => $onAdvisory];
        $h->settings = [
            'allow' => $allow, 'trusted_proxies' => $trustedProxies, 'secret' => $secret,
            'events_path' => $eventsPath, 'reports_path' => $reportsPath, 'advisory_path' => $advisoryPath,
            'body_limit' => $bodyLimit,
        ];
        $h->sessions = $sessions ?? new MemorySessions();
        $h->fallback = $fallback;
        $h->checkSettings();
        if ($fallback !== null && $santral->advisoryAnswer($fallback, $fallback)['fell_back']) {
            throw new \InvalidArgumentException('the fallback is not a routing response santral accepts');
        }
        return $h;
    }

    private ?AdvisorySessions $sessions = null;

    private ?string $fallback = null;

    /** An unusable setting is the integrator's mistake: say so at once. */
    private function checkSettings(): void
    {
        $this->santral->receive($this->settings, 'GET', '/', '', '', '127.0.0.1');
    }

    /**
     * @return array{0:int, 1:array<string,string>, 2:string} status, headers, body
     */
    public function __invoke(
        string $method,
        string $body,
        string $peer,
        ?string $forwardedFor = null,
        string $path = '/',
        string $query = '',
        ?string $contentType = null,
    ): array {
        $d = $this->santral->receive(
            $this->settings,
            $method,
            $this->fixedPath ?? $path,
            $query,
            $body,
            $peer,
            $forwardedFor,
            $contentType,
        );
        $kind = $d['handover'];
        if ($kind === null) {
            return [$d['status'], $d['headers'], $d['body']];
        }
        if ($kind === 'advisory-request') {
            return $this->route($query, (string) $d['key']);
        }
        $handler = $this->handlers[$kind] ?? null;
        if ($handler !== null) {
            try {
                // The fields as santral read them, never PHP's parse_str() (which
                // renames `a.b` to `a_b` and turns `a[]` into an array).
                $handler([
                    'kind' => $kind,
                    'key' => $d['key'],
                    'summary' => $this->santral->check($kind, $body)['summary'],
                    'fields' => $this->santral->formFields($kind, $body),
                ]);
            } catch (\Throwable $e) {
                $failed = $this->santral->handlerFailed();
                return [$failed['status'], $failed['headers'], $failed['body']];
            }
        }
        return [$d['status'], $d['headers'], $d['body']];
    }

    /** @return array{0:int, 1:array<string,string>, 2:string} */
    private function route(string $query, string $uuid): array
    {
        $param = $uuid === '' ? null : $this->sessions?->load($uuid);
        $read = $this->santral->advisoryRead($query, $param);
        if (isset($read['answer'])) {
            return [$read['answer']['status'], $read['answer']['headers'], $read['answer']['body']];
        }
        $response = null;
        $handler = $this->handlers['advisory-request'] ?? null;
        if ($handler !== null) {
            try {
                $response = $handler(['kind' => 'advisory-request', 'key' => $uuid, 'request' => $read['request'] ?? []]);
            } catch (\Throwable $e) {
                $response = null; // the caller hears the fallback, never silence
            }
        }
        $a = $this->santral->advisoryAnswer(is_string($response) ? $response : null, $this->fallback);
        if ($uuid !== '') {
            $this->sessions?->save($uuid, $a['param_name']);
        }
        return [$a['status'], $a['headers'], $a['body']];
    }

    /**
     * PSR-15 style: `$request` is a PSR-7 ServerRequestInterface, the
     * factories PSR-17 ones (duck-typed, so no PSR package is required).
     */
    public function process(object $request, object $responseFactory, object $streamFactory): object
    {
        $server = $request->getServerParams();
        $forwarded = $request->getHeaderLine('X-Forwarded-For');
        $type = $request->getHeaderLine('Content-Type');
        $uri = $request->getUri();
        [$status, $headers, $body] = $this(
            $request->getMethod(),
            (string) $request->getBody(),
            (string) ($server['REMOTE_ADDR'] ?? ''),
            $forwarded === '' ? null : $forwarded,
            (string) $uri->getPath(),
            (string) $uri->getQuery(),
            $type === '' ? null : $type,
        );
        $response = $responseFactory->createResponse($status)->withBody($streamFactory->createStream($body));
        foreach ($headers as $name => $value) {
            $response = $response->withHeader($name, $value);
        }
        return $response;
    }
}
