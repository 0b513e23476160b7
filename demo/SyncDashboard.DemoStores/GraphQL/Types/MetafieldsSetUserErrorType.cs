using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>MetafieldsSetUserError</c>: <c>field</c>, <c>message</c>, a <c>MetafieldsSetUserErrorCode</c>
/// and <c>elementIndex</c>, the index of the <c>metafields</c> entry at fault (shopify.dev
/// objects/MetafieldsSetUserError).
/// </summary>
internal sealed class MetafieldsSetUserErrorType : UserErrorType
{
    public MetafieldsSetUserErrorType() : base("MetafieldsSetUserError", withCode: true)
    {
        Field<IntGraphType>("elementIndex").Resolve(ctx => ctx.Source.ElementIndex);
    }
}
