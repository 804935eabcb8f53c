<?php
// The plugin's tests: the harness (what the plugin touches of OpenCart)
// against the MariaDB that scripts/test-opencart-plugin.sh started
// (SANTRAL_OC_DB: its socket; SANTRAL_OC_DATABASE), santral's PHP class
// for the reference match key (SANTRAL_LIB) and the santral command for
// the PBX's side (SANTRAL_BIN).
declare(strict_types=1);

require_once __DIR__ . '/harness/framework.php';
require_once __DIR__ . '/../upload/catalog/model/extension/santral/match_key.php';
require_once __DIR__ . '/../../../php/autoload.php';
require_once __DIR__ . '/../../../php/tests/Served.php';
define('DB_PREFIX', 'oc_');
date_default_timezone_set('Europe/Istanbul');
foreach (['SANTRAL_OC_DB', 'SANTRAL_OC_DATABASE', 'SANTRAL_LIB', 'SANTRAL_BIN'] as $name) {
    if ((string) getenv($name) === '') {
        throw new RuntimeException("set $name (scripts/test-opencart-plugin.sh does)");
    }
}
