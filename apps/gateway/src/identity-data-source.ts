import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, signInternalIdentity } from '@cz/identity-tokens';
import type { GatewayContext } from './gateway-context';

/**
 * Sends each subgraph request with the verified identity, signed by the gateway for one minute.
 * Nothing the client sent is forwarded: the outgoing headers are built here from scratch.
 */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly signingKey: string,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers) return;
    // Requests the gateway makes for itself (none with a static supergraph) carry no user context.
    if (!('identity' in context)) return;
    const ctx = context as GatewayContext;
    headers.set(IDENTITY_HEADER, await signInternalIdentity(ctx.identity, ctx.requestId, this.signingKey));
    headers.set(REQUEST_ID_HEADER, ctx.requestId);
  }
}
