using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace SyncDashboard.DemoStores;

/// <summary>
/// How an app gets its access tokens from a demo store, as from Shopify since 2026 (apps come from the
/// Dev Dashboard with a client id and secret, see <see cref="DemoStoreOptions.ClientId"/>). The endpoints
/// are outside <c>/admin/api/</c>: they need no access token and do not count against the API's bucket.
/// <list type="bullet">
/// <item><c>POST /admin/oauth/access_token</c>, with its parameters form-encoded, as JSON, or in the query
/// string (as Shopify accepts them):
/// <list type="bullet">
/// <item><c>grant_type=client_credentials</c>, <c>client_id</c>, <c>client_secret</c>
/// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant):
/// <c>{"access_token": "shpat_…", "scope": "read_products,…", "expires_in": 86399}</c>.</item>
/// <item><c>client_id</c>, <c>client_secret</c>, <c>code</c> (<c>grant_type=authorization_code</c> optional),
/// <c>expiring=1</c> optional (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant,
/// step 5 "Get an access token"): offline <c>{"access_token", "scope"}</c>; with <c>expiring=1</c>
/// <c>{"access_token", "scope", "expires_in": 3600, "refresh_token", "refresh_token_expires_in": 7776000}</c>
/// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens);
/// for a code of a <c>per-user</c> install, online <c>{"access_token": "shpua_…", "scope", "expires_in": 86399,
/// "associated_user_scope", "associated_user": {…}}</c>
/// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/online-access-tokens).</item>
/// <item><c>grant_type=refresh_token</c>, <c>client_id</c>, <c>client_secret</c>, <c>refresh_token</c>: a new
/// expiring offline pair, as with <c>expiring=1</c>.</item>
/// </list>
/// Refusals are RFC 6749 §5.2 JSON, <c>{"error", "error_description"}</c>: 401 <c>invalid_client</c> for an
/// unknown client id or a wrong secret; 400 <c>invalid_request</c> for a missing parameter and for a code
/// not found, expired or already used ("The authorization code was not found or was already used", as
/// Shopify words it); 400 <c>invalid_grant</c> for a bad refresh token; 400 <c>unsupported_grant_type</c>.</item>
/// <item><c>GET /admin/oauth/authorize?client_id&amp;scope&amp;redirect_uri&amp;state&amp;grant_options[]</c>: the install
/// page (<see cref="DemoStoreInstallPage"/>); its "Install app" button posts the same parameters to
/// <c>POST /admin/oauth/authorize</c>, which answers 302 to <c>redirect_uri</c> with <c>code</c>, <c>hmac</c>,
/// <c>host</c> (base64url of <c>{domain}/admin</c>), <c>shop</c> (the store's domain), <c>state</c> and
/// <c>timestamp</c> (Unix seconds), signed as <see cref="DemoStoreOAuthSignature"/> describes. A bad
/// request is an HTML error page with status 400.</item>
/// </list>
/// </summary>
internal sealed class DemoStoreOAuth(DemoStoreOptions options, DemoStoreAccessTokens tokens, TimeProvider time, ILogger logger)
{
    public const string PathPrefix = "/admin/oauth";
    private const string TokenPath = "/admin/oauth/access_token";
    private const string AuthorizePath = "/admin/oauth/authorize";

    /// <summary>Serves <c>/admin/oauth/*</c> before the API's guard (no token, no bucket).</summary>
    public void Map(IApplicationBuilder app) =>
        app.MapWhen(ctx => ctx.Request.Path.StartsWithSegments(PathPrefix), oauth => oauth.Run(HandleAsync));

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = (ctx.Request.Path.Value ?? "").TrimEnd('/');
        var method = ctx.Request.Method;
        if (string.Equals(path, TokenPath, StringComparison.OrdinalIgnoreCase))
        {
            if (!HttpMethods.IsPost(method))
            {
                await MethodNotAllowedAsync(ctx, "POST");
                return;
            }
            try
            {
                await WriteJsonAsync(ctx, StatusCodes.Status200OK, await AccessTokenAsync(ctx));
            }
            catch (DemoStoreOAuthException e)
            {
                await WriteJsonAsync(ctx, e.Status, new JsonObject { ["error"] = e.Error, ["error_description"] = e.Description });
            }
            return;
        }
        if (string.Equals(path, AuthorizePath, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
                {
                    await DemoStoreInstallPage.WriteAsync(ctx, options, DemoStoreAuthorizationRequest.Parse(ctx.Request.Query, options));
                }
                else if (HttpMethods.IsPost(method))
                {
                    await ApproveAsync(ctx);
                }
                else
                {
                    await MethodNotAllowedAsync(ctx, "GET, POST");
                }
            }
            catch (DemoStoreOAuthException e)
            {
                await DemoStoreInstallPage.WriteErrorAsync(ctx, options, e);
            }
            return;
        }
        await WriteJsonAsync(ctx, StatusCodes.Status404NotFound, new JsonObject { ["errors"] = "Not Found" });
    }

    // ---------------------------------------------------------------- token endpoint

    private async Task<JsonObject> AccessTokenAsync(HttpContext ctx)
    {
        var parameters = await ReadParametersAsync(ctx);
        string? Get(string name) => parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        var grantType = Get("grant_type") ?? (Get("code") is not null ? "authorization_code" : null)
            ?? throw DemoStoreOAuthException.InvalidRequest("Missing grant_type (or code)");
        if (grantType is not ("client_credentials" or "authorization_code" or "refresh_token"))
        {
            throw new DemoStoreOAuthException(400, "unsupported_grant_type",
                $"The grant type {grantType} is not supported by this store (client_credentials, authorization_code, refresh_token)");
        }
        var clientId = Get("client_id");
        var clientSecret = Get("client_secret");
        if (clientId is null || clientSecret is null)
        {
            throw DemoStoreOAuthException.InvalidRequest("Missing client_id or client_secret");
        }
        if (!Same(clientId, options.ClientId) || !Same(clientSecret, options.ClientSecret))
        {
            throw new DemoStoreOAuthException(401, "invalid_client",
                "Client authentication failed: the client_id is not an app installed on this shop, or the client_secret is not its secret");
        }

        var grant = grantType switch
        {
            "client_credentials" => tokens.IssueClientCredentialsToken(),
            "refresh_token" => tokens.Refresh(Get("refresh_token") ?? throw DemoStoreOAuthException.InvalidRequest("Missing refresh_token")),
            _ => tokens.ExchangeAuthorizationCode(Get("code") ?? throw DemoStoreOAuthException.InvalidRequest("Missing code"),
                expiring: Get("expiring") is "1" or "true"),
        };
        logger.LogInformation("Demo store {Store} issued an access token ({GrantType}, scope {Scope}, {Expiry})",
            options.Name, grantType, grant.Scope, grant.ExpiresIn is { } seconds ? $"expires in {seconds.ToString(CultureInfo.InvariantCulture)} s" : "does not expire");
        ctx.Response.Headers.CacheControl = "no-store";
        return Response(grant);
    }

    /// <summary>Shopify's token response for <paramref name="grant"/>.</summary>
    private JsonObject Response(DemoStoreTokenGrant grant)
    {
        var response = new JsonObject { ["access_token"] = grant.AccessToken, ["scope"] = grant.Scope };
        if (grant.ExpiresIn is { } expiresIn)
        {
            response["expires_in"] = expiresIn;
        }
        if (grant.RefreshToken is not null)
        {
            response["refresh_token"] = grant.RefreshToken;
            response["refresh_token_expires_in"] = grant.RefreshTokenExpiresIn;
        }
        if (grant.Online)
        {
            // The demo store's only staff member, its owner, approves every install.
            response["associated_user_scope"] = grant.Scope;
            response["associated_user"] = new JsonObject
            {
                ["id"] = 1,
                ["first_name"] = "Demo",
                ["last_name"] = "Owner",
                ["email"] = $"owner@{options.Domain}",
                ["email_verified"] = true,
                ["account_owner"] = true,
                ["locale"] = "en",
                ["collaborator"] = false,
            };
        }
        return response;
    }

    /// <summary>The request's parameters: the query string, overridden by a form or JSON body.</summary>
    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpContext ctx)
    {
        var parameters = ctx.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        if (ctx.Request.HasFormContentType)
        {
            foreach (var (name, value) in await ctx.Request.ReadFormAsync(ctx.RequestAborted))
            {
                parameters[name] = value.ToString();
            }
            return parameters;
        }
        var body = await new StreamReader(ctx.Request.Body, Encoding.UTF8).ReadToEndAsync(ctx.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            return parameters;
        }
        try
        {
            if (JsonNode.Parse(body) is not JsonObject json)
            {
                throw DemoStoreOAuthException.InvalidRequest("The request body must be a JSON object or a form");
            }
            foreach (var (name, value) in json)
            {
                if (value is JsonValue scalar)
                {
                    parameters[name] = scalar.TryGetValue<string>(out var text) ? text : scalar.ToJsonString();
                }
            }
        }
        catch (JsonException)
        {
            throw DemoStoreOAuthException.InvalidRequest("The request body is neither a form nor JSON");
        }
        return parameters;
    }

    // ---------------------------------------------------------------- install page

    /// <summary>The merchant approved: a code, and the signed redirect back to the app.</summary>
    private async Task ApproveAsync(HttpContext ctx)
    {
        if (!ctx.Request.HasFormContentType)
        {
            throw DemoStoreOAuthException.InvalidRequest("The install form must be posted as a form");
        }
        var request = DemoStoreAuthorizationRequest.Parse(await ctx.Request.ReadFormAsync(ctx.RequestAborted), options);
        var code = tokens.IssueAuthorizationCode(request.Scope, request.PerUser, request.RedirectUri.OriginalString);
        var parameters = QueryHelpers.ParseQuery(request.RedirectUri.Query)
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))
            .Where(p => p.Key is not ("code" or "hmac" or "host" or "shop" or "state" or "timestamp"))
            .ToList();
        parameters.Add(new("code", code));
        parameters.Add(new("host", Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{options.Domain}/admin"))));
        parameters.Add(new("shop", options.Domain));
        if (request.State is not null)
        {
            parameters.Add(new("state", request.State));
        }
        parameters.Add(new("timestamp", time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("hmac", DemoStoreOAuthSignature.Sign(options.ClientSecret, parameters)));
        logger.LogInformation("Demo store {Store}: the app {ClientId} was installed ({Scope}); redirecting to {RedirectUri}",
            options.Name, request.ClientId, request.Scope, request.RedirectUri.GetLeftPart(UriPartial.Path));
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Redirect($"{request.RedirectUri.GetLeftPart(UriPartial.Path)}?{DemoStoreOAuthSignature.Query(parameters)}");
    }

    // ---------------------------------------------------------------- helpers

    private static bool Same(string given, string expected) =>
        expected.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static Task MethodNotAllowedAsync(HttpContext ctx, string allow)
    {
        ctx.Response.Headers.Allow = allow;
        return WriteJsonAsync(ctx, StatusCodes.Status405MethodNotAllowed, new JsonObject { ["errors"] = "Method Not Allowed" });
    }

    private static async Task WriteJsonAsync(HttpContext ctx, int status, JsonObject body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(body.ToJsonString(), ctx.RequestAborted);
    }
}
