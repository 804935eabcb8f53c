<?php
// PHPUnit's bootstrap: Composer's autoloader when `composer dump-autoload`
// ran, else the package's own; the library under test from SANTRAL_LIB.
declare(strict_types=1);

$composer = __DIR__ . '/../vendor/autoload.php';
require_once is_file($composer) ? $composer : __DIR__ . '/../autoload.php';
require_once __DIR__ . '/../../examples/php/Santral.php';
require_once __DIR__ . '/Served.php';

function santral_test_library(): string
{
    $lib = getenv('SANTRAL_LIB');
    if (!is_string($lib) || $lib === '' || !is_file($lib)) {
        throw new RuntimeException('set SANTRAL_LIB to the libsantral.so under test');
    }
    return (string) realpath($lib);
}

function santral_test_binary(): string
{
    $bin = getenv('SANTRAL_BIN');
    if (!is_string($bin) || $bin === '' || !is_file($bin)) {
        throw new RuntimeException('set SANTRAL_BIN to the santral command under test');
    }
    return (string) realpath($bin);
}
