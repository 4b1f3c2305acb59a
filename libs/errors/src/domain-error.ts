/**
 * Errors a user can act on. Each carries a stable code (the GraphQL `extensions.code`), a Chinese
 * message ready for a form, and for input errors the field at fault. The resolver boundary turns
 * them into GraphQLErrors; anything that is not a DomainError is treated as internal and masked.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'RATE_LIMITED';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    readonly field: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { field, ...details });
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
}

/** A concurrent change won: the caller should reload and decide again. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

/** Too many attempts from one source in a short time (public endpoints); try again later. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED' as const;
}
