<?php
declare(strict_types=1);

namespace Santral;

/** A call santral refused: the result (SANTRAL_*), the code and every diagnostic. */
final class SantralException extends \RuntimeException
{
    /** @param list<array<string,mixed>> $diagnostics */
    public function __construct(
        string $message,
        public readonly int $result,
        public readonly ?string $codeId = null,
        public readonly array $diagnostics = [],
    ) {
        parent::__construct($message, $result);
    }

    /** The first diagnostic (code, path, offset, end, line, column, suggestion), if any. */
    public function diagnostic(): ?array
    {
        return $this->diagnostics[0] ?? null;
    }
}
