<?php
// For projects without Composer: `require 'php/autoload.php';` loads the
// constants and autoloads the Santral\ classes (Composer's autoloader does
// the same from composer.json).
declare(strict_types=1);

require_once __DIR__ . '/src/constants.php';

spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'Santral\\')) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, 8)) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
