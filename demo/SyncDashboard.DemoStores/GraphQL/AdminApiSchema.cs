using GraphQL.Types;
using SyncDashboard.DemoStores.GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// The demo stores' GraphQL Admin API schema (a faithful subset of Shopify's 2026-10 schema), built
/// once and shared by every store; each request carries its store in the user context.
/// </summary>
internal sealed class AdminApiSchema : Schema
{
    private static readonly Lazy<AdminApiSchema> Shared = new(() =>
    {
        var schema = new AdminApiSchema();
        schema.Initialize();
        return schema;
    });

    private AdminApiSchema()
    {
        Query = new QueryRootType();
        Mutation = new MutationRootType();
        Directives.Register(new IdempotentDirective());
    }

    public static AdminApiSchema Instance => Shared.Value;
}
