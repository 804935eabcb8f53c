<?php
// The examples' entry: the Composer package in php/ (namespace Santral\),
// loaded without Composer, with its classes also under their short global
// names for these scripts.
declare(strict_types=1);

require_once __DIR__ . '/../../php/autoload.php';

if (!class_exists('Santral', false)) {
    class_alias(\Santral\Santral::class, 'Santral');
    class_alias(\Santral\SantralException::class, 'SantralException');
}
