<?php
/**
 * The harness's front controller under `php -S` (the PBX's side talks to
 * it over HTTP): index.php?route=api/login and api/verimor/…, one request
 * each, against the test's MariaDB. SANTRAL_OC_VERSION=2 reads 2.3's
 * `token`; otherwise 3.0's `api_token`.
 */
require __DIR__ . '/framework.php';
define('DB_PREFIX', 'oc_');
date_default_timezone_set(getenv('SANTRAL_OC_TZ') ?: 'Europe/Istanbul');
$path = parse_url(isset($_SERVER['REQUEST_URI']) ? $_SERVER['REQUEST_URI'] : '/', PHP_URL_PATH);
if ($path !== '/' && $path !== '/index.php') {
    http_response_code(404);
    return;
}
try {
    $registry = santral_oc_registry(santral_oc_mysqli(), new Request($_GET, $_POST, $_SERVER), getenv('SANTRAL_OC_VERSION') === '2' ? 2 : 3);
    $response = santral_oc_dispatch($registry);
    foreach ($response->getHeaders() as $h) {
        header($h);
    }
    echo $response->getOutput();
} catch (Throwable $e) {
    // OpenCart with display_errors on: the error as HTML, status 200 or 500.
    http_response_code(500);
    echo '<b>Fatal error</b>: ' . htmlspecialchars($e->getMessage());
}
