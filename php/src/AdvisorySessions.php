<?php
declare(strict_types=1);

namespace Santral;

/**
 * Where a call's digits parameter waits between two Santral Programlama
 * steps: the name a prompt's `param_name` set, by the call's uuid. Under
 * php-fpm each request is a new process state: keep it in Redis, APCu or
 * the database (a call rarely lasts an hour).
 */
interface AdvisorySessions
{
    /** The parameter the call's step before named; null: `digits`. */
    public function load(string $uuid): ?string;

    /** Remembers the parameter the answer's prompt names (null: none). */
    public function save(string $uuid, ?string $paramName): void;
}
