using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Xunit;
using Xunit.Sdk;

namespace BuyingJourney.Testing.Tests.Stores;

/// <summary>
/// <see cref="JourneyStoreSuite"/> catches each deliberately broken store with the test of the rule it breaks, and
/// the same tests pass on the in-memory store (so each could fail only because of the break).
/// </summary>
public sealed class JourneyStoreSuiteTests
{
    /// <summary>The suite's tests run here, by name.</summary>
    private static readonly Dictionary<string, Func<JourneyStoreSuite, Task>> SuiteTests = new(StringComparer.Ordinal)
    {
        [nameof(JourneyStoreSuite.AppendAsync_NewStream_StoresInOrderWithVersionsFromOne)] = s => s.AppendAsync_NewStream_StoresInOrderWithVersionsFromOne(),
        [nameof(JourneyStoreSuite.AppendAsync_RoundTrip_KeepsEveryField)] = s => s.AppendAsync_RoundTrip_KeepsEveryField(),
        [nameof(JourneyStoreSuite.AppendAsync_WrongExpectedVersion_ThrowsConflictAndStoresNothing)] = s => s.AppendAsync_WrongExpectedVersion_ThrowsConflictAndStoresNothing(),
        [nameof(JourneyStoreSuite.AppendAsync_StoredIdAndRepeatInBatch_AreDuplicatesAndStoredOnce)] = s => s.AppendAsync_StoredIdAndRepeatInBatch_AreDuplicatesAndStoredOnce(),
        [nameof(JourneyStoreSuite.AppendAsync_OnlyDuplicates_KeepsTheVersion)] = s => s.AppendAsync_OnlyDuplicates_KeepsTheVersion(),
        [nameof(JourneyStoreSuite.ReadAsync_AfterVersionAndUpToTime_FilterTheStream)] = s => s.ReadAsync_AfterVersionAndUpToTime_FilterTheStream(),
        [nameof(JourneyStoreSuite.Snapshots_SaveReplaceAndLoadByLastSignalTime)] = s => s.Snapshots_SaveReplaceAndLoadByLastSignalTime(),
        [nameof(JourneyStoreSuite.Snapshots_LoadBackWithTheSavedRecord)] = s => s.Snapshots_LoadBackWithTheSavedRecord(),
        [nameof(JourneyStoreSuite.Tenants_SameIds_AreIsolatedForEveryCall)] = s => s.Tenants_SameIds_AreIsolatedForEveryCall(),
        [nameof(JourneyStoreSuite.ListJourneysAsync_PagesInOrdinalOrder)] = s => s.ListJourneysAsync_PagesInOrdinalOrder(),
        [nameof(JourneyStoreSuite.EveryCall_BadTenant_ThrowsNamingTenantAndChangesNothing) + "(blank)"] = s => s.EveryCall_BadTenant_ThrowsNamingTenantAndChangesNothing("   "),
        [nameof(JourneyStoreSuite.AppendAsync_BadBatch_ThrowsAndStoresNothing)] = s => s.AppendAsync_BadBatch_ThrowsAndStoresNothing(),
        [nameof(JourneyStoreSuite.AppendAsync_Cancelled_StoresNothing)] = s => s.AppendAsync_Cancelled_StoresNothing(),
        [nameof(JourneyStoreSuite.AppendAsync_ConcurrentWriters_EveryRoundExactlyOneWinsAndNoIdIsStoredTwice)] = s => s.AppendAsync_ConcurrentWriters_EveryRoundExactlyOneWinsAndNoIdIsStoredTwice(),
    };

    /// <summary>Each break and a suite test that must catch it.</summary>
    private static readonly (string BrokenStore, string SuiteTest)[] Caught =
    [
        (nameof(BrokenStores.IgnoresExpectedVersion), nameof(JourneyStoreSuite.AppendAsync_WrongExpectedVersion_ThrowsConflictAndStoresNothing)),
        (nameof(BrokenStores.StoresRepeatedIdsAgain), nameof(JourneyStoreSuite.AppendAsync_StoredIdAndRepeatInBatch_AreDuplicatesAndStoredOnce)),
        (nameof(BrokenStores.StoresRepeatedIdsAgain), nameof(JourneyStoreSuite.AppendAsync_OnlyDuplicates_KeepsTheVersion)),
        (nameof(BrokenStores.StoresRepeatedIdsAgain), nameof(JourneyStoreSuite.AppendAsync_ConcurrentWriters_EveryRoundExactlyOneWinsAndNoIdIsStoredTwice)),
        (nameof(BrokenStores.AcknowledgesButLosesTheLastSignal), nameof(JourneyStoreSuite.AppendAsync_NewStream_StoresInOrderWithVersionsFromOne)),
        (nameof(BrokenStores.AcknowledgesButLosesTheLastSignal), nameof(JourneyStoreSuite.AppendAsync_ConcurrentWriters_EveryRoundExactlyOneWinsAndNoIdIsStoredTwice)),
        (nameof(BrokenStores.LeaksAcrossTenants), nameof(JourneyStoreSuite.Tenants_SameIds_AreIsolatedForEveryCall)),
        (nameof(BrokenStores.ReadsInTimeOrder), nameof(JourneyStoreSuite.AppendAsync_NewStream_StoresInOrderWithVersionsFromOne)),
        (nameof(BrokenStores.ReadsInTimeOrder), nameof(JourneyStoreSuite.ReadAsync_AfterVersionAndUpToTime_FilterTheStream)),
        (nameof(BrokenStores.DropsTheSnapshotFingerprint), nameof(JourneyStoreSuite.Snapshots_LoadBackWithTheSavedRecord)),
        (nameof(BrokenStores.StoresPartOfABadBatch), nameof(JourneyStoreSuite.AppendAsync_BadBatch_ThrowsAndStoresNothing)),
        (nameof(BrokenStores.IgnoresCancellation), nameof(JourneyStoreSuite.AppendAsync_Cancelled_StoresNothing)),
        (nameof(BrokenStores.ListsInCultureOrder), nameof(JourneyStoreSuite.ListJourneysAsync_PagesInOrdinalOrder)),
        (nameof(BrokenStores.LoadsTheLatestSnapshotWhateverTheTime), nameof(JourneyStoreSuite.Snapshots_SaveReplaceAndLoadByLastSignalTime)),
        (nameof(BrokenStores.ReadsEverySignalWhateverTheTime), nameof(JourneyStoreSuite.ReadAsync_AfterVersionAndUpToTime_FilterTheStream)),
        (nameof(BrokenStores.StoresTimesInUtc), nameof(JourneyStoreSuite.AppendAsync_RoundTrip_KeepsEveryField)),
        (nameof(BrokenStores.AcceptsAnyTenant), nameof(JourneyStoreSuite.EveryCall_BadTenant_ThrowsNamingTenantAndChangesNothing) + "(blank)"),
    ];

    /// <summary>Each break and a suite test that must catch it.</summary>
    public static TheoryData<string, string> Catches { get; } = new(Caught);

    /// <summary>Every suite test above, for the in-memory store.</summary>
    public static TheoryData<string> Tests { get; } = [.. SuiteTests.Keys];

    [Theory]
    [MemberData(nameof(Catches))]
    public async Task SuiteTest_OnTheBrokenStore_Fails(string brokenStore, string suiteTest)
    {
        var suite = new Suite(BrokenStores.All[brokenStore]);

        await Assert.ThrowsAnyAsync<XunitException>(() => SuiteTests[suiteTest](suite));
    }

    [Theory]
    [MemberData(nameof(Tests))]
    public async Task SuiteTest_OnTheInMemoryStore_Passes(string suiteTest)
        => await SuiteTests[suiteTest](new Suite(() => new InMemoryJourneyStore()));

    [Fact]
    public void EveryBrokenStore_IsCaughtByAtLeastOneSuiteTest()
    {
        Assert.Equal(BrokenStores.All.Keys.Order(StringComparer.Ordinal), Caught.Select(c => c.BrokenStore).Distinct().Order(StringComparer.Ordinal));
    }


    /// <summary>The suite over the stores <paramref name="create"/> makes; private, so xunit does not run it on its own.</summary>
    private sealed class Suite(Func<IJourneyStore> create) : JourneyStoreSuite
    {
        protected override IJourneyStore CreateStore() => create();
    }
}
