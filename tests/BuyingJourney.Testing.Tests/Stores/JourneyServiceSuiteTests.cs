using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BuyingJourney.Persistence;
using Xunit;
using Xunit.Sdk;

namespace BuyingJourney.Testing.Tests.Stores;

/// <summary>
/// <see cref="JourneyServiceSuite"/> catches the deliberately broken stores whose bugs the journey service would meet
/// in use, and the same tests pass on the in-memory store.
/// </summary>
public sealed class JourneyServiceSuiteTests
{
    /// <summary>The suite's tests run here, by name.</summary>
    private static readonly Dictionary<string, Func<JourneyServiceSuite, Task>> SuiteTests = new(StringComparer.Ordinal)
    {
        [nameof(JourneyServiceSuite.RecordAsync_SameSignalsTwice_SecondTimeAllDuplicatesAndNothingChanges)] = s => s.RecordAsync_SameSignalsTwice_SecondTimeAllDuplicatesAndNothingChanges(),
        [nameof(JourneyServiceSuite.GetAsync_SnapshotReadBackFromTheStore_UsedOnlyWithItsFoldFingerprint) + "(kept)"] = s => s.GetAsync_SnapshotReadBackFromTheStore_UsedOnlyWithItsFoldFingerprint(keepFingerprint: true),
        [nameof(JourneyServiceSuite.ManyWriters_DuplicatesAndLateSignalsAcrossTwoTenants_EverySignalOnceAndEveryJourneyEqualsItsReplay)] = s => s.ManyWriters_DuplicatesAndLateSignalsAcrossTwoTenants_EverySignalOnceAndEveryJourneyEqualsItsReplay(),
        [nameof(JourneyServiceSuite.RecordAsync_OddButWellFormedText_IsStoredAndReadBackExactlyAsApplied)] = s => s.RecordAsync_OddButWellFormedText_IsStoredAndReadBackExactlyAsApplied(),
    };

    /// <summary>Each break and a suite test that must catch it.</summary>
    private static readonly (string BrokenStore, string SuiteTest)[] Caught =
    [
        (nameof(BrokenStores.StoresRepeatedIdsAgain), nameof(JourneyServiceSuite.RecordAsync_SameSignalsTwice_SecondTimeAllDuplicatesAndNothingChanges)),
        (nameof(BrokenStores.DropsTheSnapshotFingerprint), nameof(JourneyServiceSuite.GetAsync_SnapshotReadBackFromTheStore_UsedOnlyWithItsFoldFingerprint) + "(kept)"),
        (nameof(BrokenStores.LeaksAcrossTenants), nameof(JourneyServiceSuite.ManyWriters_DuplicatesAndLateSignalsAcrossTwoTenants_EverySignalOnceAndEveryJourneyEqualsItsReplay)),
        (nameof(BrokenStores.AcknowledgesButLosesTheLastSignal), nameof(JourneyServiceSuite.RecordAsync_OddButWellFormedText_IsStoredAndReadBackExactlyAsApplied)),
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


    /// <summary>The suite over the stores <paramref name="create"/> makes; private, so xunit does not run it on its own.</summary>
    private sealed class Suite(Func<IJourneyStore> create) : JourneyServiceSuite
    {
        protected override IJourneyStore CreateStore() => create();
    }
}
