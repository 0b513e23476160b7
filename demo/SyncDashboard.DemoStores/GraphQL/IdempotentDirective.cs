using GraphQL.Types;
using GraphQLParser.AST;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// <c>@idempotent(key: String!)</c> on a mutation field: a key the client keeps for every retry of
/// one change, so a retried call is applied once (shopify.dev "Idempotent requests"; required on
/// inventory mutations from 2026-04).
/// </summary>
internal sealed class IdempotentDirective : Directive
{
    public IdempotentDirective() : base("idempotent", DirectiveLocation.Field)
    {
        Description = "Makes a mutation idempotent: the same key with the same input applies once.";
        Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "key" });
    }
}
