<?php
// The PBX's call events into a PHP application, with no framework: the
// front controller for `php -S` (or any web server's PHP).
//
//   SANTRAL_LIB=… SANTRAL_ALLOW=127.0.0.1/32 EVENTS_LOG=events.jsonl \
//     php -d ffi.enable=1 -S 127.0.0.1:8097 examples/php/webhook_endpoint.php
//
// Each accepted event is appended to EVENTS_LOG as one JSON line.
declare(strict_types=1);

require_once __DIR__ . '/../../php/autoload.php';

$santral = new \Santral\Santral(getenv('SANTRAL_LIB') ?: null);
$log = getenv('EVENTS_LOG') ?: 'php://stderr';
$handler = new \Santral\WebhookHandler(
    $santral,
    'call-event',
    function (array $event) use ($log): void {
        file_put_contents($log, json_encode($event, JSON_UNESCAPED_UNICODE) . "\n", FILE_APPEND | LOCK_EX);
    },
    getenv('SANTRAL_ALLOW') ?: null,
);
[$status, $headers, $body] = $handler(
    $_SERVER['REQUEST_METHOD'] ?? 'GET',
    (string) file_get_contents('php://input'),
    $_SERVER['REMOTE_ADDR'] ?? '',
    $_SERVER['HTTP_X_FORWARDED_FOR'] ?? null,
);
http_response_code($status);
foreach ($headers as $name => $value) {
    header("$name: $value");
}
echo $body;
