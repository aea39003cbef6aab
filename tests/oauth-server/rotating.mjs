// A third-party OAuth server that is as strict about refresh tokens as a real provider:
// oauth2-mock-server, with every refresh rotating the refresh token and revoking the one it
// replaced. Presenting a used or unknown refresh token is answered 400 invalid_grant.
// With `refuse-revoke`, revocation is answered 400, as a provider that does not know the client
// would. Usage: node rotating.mjs PORT [refuse-revoke]
import { OAuth2Server, Events } from 'oauth2-mock-server';

const port = Number(process.argv[2]);
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');

const live = new Set();
server.service.on(Events.BeforeResponse, (response, req) => {
  const body = req.body ?? {};
  if (body.grant_type === 'refresh_token') {
    if (!live.has(body.refresh_token)) {
      response.statusCode = 400;
      response.body = {
        error: 'invalid_grant',
        error_description: 'The refresh token was already used or revoked.',
      };
      return;
    }
    live.delete(body.refresh_token);
  }
  if (response.statusCode === 200 && response.body.refresh_token) {
    live.add(response.body.refresh_token);
  }
});

if (process.argv[3] === 'refuse-revoke') {
  server.service.on(Events.BeforeRevoke, (response) => {
    response.statusCode = 400;
  });
}

await server.start(port, '127.0.0.1');
