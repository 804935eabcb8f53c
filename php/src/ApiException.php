<?php
declare(strict_types=1);

namespace Santral;

/**
 * The PBX refused a request, or did not answer: the operation, the core's
 * code (`response.no_such_channel`), the HTTP status (null without an
 * answer), the PBX's text with any echoed key masked, and whether the same
 * request may pass later.
 */
final class ApiException extends \RuntimeException
{
    public function __construct(
        public readonly string $operation,
        public readonly string $codeId,
        public readonly ?int $status,
        public readonly string $text,
        public readonly bool $transient = false,
    ) {
        parent::__construct("$operation: $codeId" . ($status === null ? '' : " ($status)") . ": $text");
    }
}
