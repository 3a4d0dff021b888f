using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static BuyingJourney.Sqlite.Tests.Support.TestSignals;

namespace BuyingJourney.Sqlite.Tests;

public sealed partial class SqliteJourneyStoreTests
{
    private async Task AddJourneysAsync(string tenant, params string[] journeyIds)
    {
        foreach (var journeyId in journeyIds)
        {
            await _store.AppendAsync(tenant, journeyId, 0, [At(0, "s1", journeyId: journeyId)], cancellationToken: Ct);
        }
    }

    [Fact]
    public async Task ListJourneysAsync_Pages_InOrdinalOrder()
    {
        await AddJourneysAsync(Tenant, "b", "a", "B", "a1", "é", "A");

        var page1 = await _store.ListJourneysAsync(Tenant, limit: 2, cancellationToken: Ct);
        var page2 = await _store.ListJourneysAsync(Tenant, page1[^1], 2, Ct);
        var page3 = await _store.ListJourneysAsync(Tenant, page2[^1], 2, Ct);
        var page4 = await _store.ListJourneysAsync(Tenant, page3[^1], 2, Ct);

        Assert.Equal(["A", "B"], page1);
        Assert.Equal(["a", "a1"], page2);
        Assert.Equal(["b", "é"], page3);
        Assert.Empty(page4);
    }

    [Fact]
    public async Task ListJourneysAsync_CharactersBeyondTheBmp_SortLikeStringCompareOrdinal()
    {
        // UTF-8 byte order would put U+FF21 before U+1F600; UTF-16 ordinal order puts the surrogate pair first.
        string[] ids = ["\uFF21", "\U0001F600", "z", "\uFFFD", "\U0001F600x"];
        await AddJourneysAsync(Tenant, ids);

        var listed = await _store.ListJourneysAsync(Tenant, cancellationToken: Ct);

        Assert.Equal(ids.Order(StringComparer.Ordinal).ToArray(), listed);
        Assert.Equal(["\uFF21", "\uFFFD"], await _store.ListJourneysAsync(Tenant, "\U0001F600x", cancellationToken: Ct));
    }

    [Fact]
    public async Task ListJourneysAsync_AfterAnIdNotStored_StartsAfterIt()
    {
        await AddJourneysAsync(Tenant, "a", "c", "e");

        Assert.Equal(["c", "e"], await _store.ListJourneysAsync(Tenant, "b", cancellationToken: Ct));
        Assert.Equal(["a", "c", "e"], await _store.ListJourneysAsync(Tenant, "", cancellationToken: Ct));
    }

    [Fact]
    public async Task ListJourneysAsync_Limit_CapsThePage()
    {
        await AddJourneysAsync(Tenant, Enumerable.Range(0, 5).Select(i => $"j{i}").ToArray());

        Assert.Equal(["j0", "j1", "j2"], await _store.ListJourneysAsync(Tenant, limit: 3, cancellationToken: Ct));
        Assert.Equal(5, (await _store.ListJourneysAsync(Tenant, limit: 10_000, cancellationToken: Ct)).Count);
    }
}
