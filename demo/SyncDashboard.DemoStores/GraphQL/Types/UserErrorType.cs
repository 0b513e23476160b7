using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// A <c>userErrors</c> type: <c>field</c>, <c>message</c> and, for the mutations that have one,
/// <c>code</c> (<c>ProductSetUserError</c>, <c>InventorySetQuantitiesUserError</c>, <c>UserError</c>).
/// </summary>
internal class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType() : this("UserError", withCode: false)
    {
    }

    protected UserErrorType(string name, bool withCode)
    {
        Name = name;
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("field").Resolve(ctx => ctx.Source.Field);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(ctx => ctx.Source.Message);
        if (withCode)
        {
            Field<StringGraphType>("code").Resolve(ctx => ctx.Source.Code);
        }
    }
}

internal sealed class ProductSetUserErrorType() : UserErrorType("ProductSetUserError", withCode: true);

internal sealed class ProductDeleteUserErrorType() : UserErrorType("ProductDeleteUserError", withCode: true);

internal sealed class InventorySetQuantitiesUserErrorType() : UserErrorType("InventorySetQuantitiesUserError", withCode: true);
