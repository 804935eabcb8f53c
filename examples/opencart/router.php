<?php
// The entry point for PHP's built-in web server:
//   SANTRAL_LIB=target/debug/libsantral.so SHOP_DB=target/shop.db \
//     php -d ffi.enable=1 -S 127.0.0.1:8000 examples/opencart/router.php
// or, as in production, with the library preloaded (README, PHP):
//   php -d ffi.enable=preload -d ffi.preload=/etc/php/santral.h -S …
declare(strict_types=1);

require_once __DIR__ . '/shop.php';

// Without PHP's SQLite driver nothing below can work: say so, rather than
// a bare HTTP 500 whose cause is only in PHP's log.
if (!class_exists('PDO') || !in_array('sqlite', \PDO::getAvailableDrivers(), true)) {
    http_response_code(500);
    header('Content-Type: text/plain; charset=utf-8');
    echo "the example shop needs PHP's SQLite driver: apt install php-sqlite3\n";
    return true;
}
// The preloaded library in production (ffi.enable=preload), else SANTRAL_LIB.
$santral = new Santral();
$db = shop_open($santral, getenv('SHOP_DB') ?: __DIR__ . '/../../target/opencart-shop.db', getenv('SHOP_API_KEY') ?: 'demo-key');

$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
if ($path !== '/index.php' && $path !== '/') {
    http_response_code(404);
    echo 'Not Found';
    return true;
}
// One line per request on the server's log, the token masked.
error_log(sprintf('request: %s %s', $_SERVER['REQUEST_METHOD'] ?? '?', preg_replace('/((?:api_)?token=)[^&]*/', '$1…', $_SERVER['REQUEST_URI'] ?? '')));
header('Content-Type: application/json');
echo json_encode(shop_answer($santral, $db, $_GET, $_POST), JSON_UNESCAPED_UNICODE);
return true;
