<?php
declare(strict_types=1);

namespace Santral;

/**
 * Receives the PBX's webhooks (call events, campaign reports) in any PHP
 * framework: a plain callable for frameworks without PSR-15, and
 * `process()` for PSR-7/15 stacks. santral decides everything — who may
 * call (the vendor's addresses or `$allow`), what is a verification ping,
 * what is valid; the handler only maps that to HTTP:
 *
 * - a caller outside the allow-list: 403;
 * - anything but POST: 405;
 * - the PBX's empty verification POST: 200, and no callback;
 * - a valid body: the callback gets `['kind' => …, 'summary' => …,
 *   'fields' => …]` — the fields santral checked, decoded, by their
 *   declared names (unknown fields left out), then 200;
 * - an invalid body: 400 with the diagnostics as JSON; no callback.
 *
 *   $handler = new \Santral\WebhookHandler($santral, 'call-event', function (array $event) { … });
 *   [$status, $headers, $body] = $handler($_SERVER['REQUEST_METHOD'], file_get_contents('php://input'), $_SERVER['REMOTE_ADDR']);
 */
final class WebhookHandler
{
    /** @var callable(array<string,mixed>):void */
    private $onEvent;

    /**
     * @param string $kind "call-event" or "campaign-report"
     * @param callable(array<string,mixed>):void $onEvent
     * @param ?string $allow comma-separated address blocks; null: the vendor's own addresses
     * @param ?string $trustedProxies blocks whose X-Forwarded-For is believed
     */
    public function __construct(
        private Santral $santral,
        private string $kind,
        callable $onEvent,
        private ?string $allow = null,
        private ?string $trustedProxies = null,
    ) {
        $this->onEvent = $onEvent;
        // An unusable list is the integrator's mistake: say so at once.
        $santral->clientAllowed('127.0.0.1', null, $allow, $trustedProxies);
    }

    /**
     * @return array{0:int, 1:array<string,string>, 2:string} status, headers, body
     */
    public function __invoke(string $method, string $body, string $peer, ?string $forwardedFor = null): array
    {
        if (!$this->santral->clientAllowed($peer, $forwardedFor, $this->allow, $this->trustedProxies)) {
            return [403, ['Content-Type' => 'text/plain'], 'Forbidden'];
        }
        if (strtoupper($method) !== 'POST') {
            return [405, ['Content-Type' => 'text/plain', 'Allow' => 'POST'], 'Method Not Allowed'];
        }
        $report = $this->santral->check($this->kind, $body);
        if (($report['summary']['verification_ping'] ?? false) === true) {
            return [200, ['Content-Type' => 'text/plain'], 'OK'];
        }
        if (!$report['valid']) {
            $json = json_encode(['valid' => false, 'diagnostics' => $report['diagnostics']], JSON_UNESCAPED_UNICODE);
            return [400, ['Content-Type' => 'application/json'], (string) $json];
        }
        // The fields as santral read them, never PHP's parse_str() (which
        // renames `a.b` to `a_b` and turns `a[]` into an array).
        $fields = $this->santral->formFields($this->kind, $body);
        ($this->onEvent)(['kind' => $this->kind, 'summary' => $report['summary'], 'fields' => $fields]);
        return [200, ['Content-Type' => 'text/plain'], 'OK'];
    }

    /**
     * PSR-15 style: `$request` is a PSR-7 ServerRequestInterface, the
     * factories PSR-17 ones (duck-typed, so no PSR package is required).
     */
    public function process(object $request, object $responseFactory, object $streamFactory): object
    {
        $server = $request->getServerParams();
        $forwarded = $request->getHeaderLine('X-Forwarded-For');
        [$status, $headers, $body] = $this(
            $request->getMethod(),
            (string) $request->getBody(),
            (string) ($server['REMOTE_ADDR'] ?? ''),
            $forwarded === '' ? null : $forwarded,
        );
        $response = $responseFactory->createResponse($status)->withBody($streamFactory->createStream($body));
        foreach ($headers as $name => $value) {
            $response = $response->withHeader($name, $value);
        }
        return $response;
    }
}
