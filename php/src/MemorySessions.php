<?php
declare(strict_types=1);

namespace Santral;

/**
 * AdvisorySessions in this PHP process (a long-running server such as
 * RoadRunner or Swoole, or a test); the oldest calls are forgotten past
 * 10,000.
 */
final class MemorySessions implements AdvisorySessions
{
    /** @var array<string, string> */
    private array $names = [];

    public function load(string $uuid): ?string
    {
        return $this->names[$uuid] ?? null;
    }

    public function save(string $uuid, ?string $paramName): void
    {
        unset($this->names[$uuid]);
        if ($paramName !== null) {
            $this->names[$uuid] = $paramName;
        }
        if (count($this->names) > 10000) {
            array_shift($this->names);
        }
    }
}
