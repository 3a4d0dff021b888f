using System;
using BuyingJourney.Testing.Shared;
using Xunit;
using Xunit.Sdk;

namespace BuyingJourney.PostgreSql.Tests.Support;

/// <summary>
/// The decision whether a throw-away server can be had, and its wording, from the facts of a made-up machine; and what
/// a PostgreSQL test does without a server. None of these need a server, so they run everywhere.
/// </summary>
public sealed class PostgreSqlHostTests
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly PostgreSqlHost DebianRoot = new("Debian GNU/Linux 12", IsLinux: true, UserName: "root", IsRoot: true, BinDirectory: Bin, HasAptGet: true);

    [Fact]
    public void Obstacle_InstalledAsRootOrAsAnotherUser_IsNone()
    {
        Assert.Null(DebianRoot.Obstacle());
        Assert.Null((DebianRoot with { UserName = "dev", IsRoot = false }).Obstacle());
        Assert.Null((DebianRoot with { HasAptGet = false }).Obstacle());
    }

    [Fact]
    public void Obstacle_NotInstalledButRootWithAptGet_IsNone()
        => Assert.Null((DebianRoot with { BinDirectory = null }).Obstacle());

    [Fact]
    public void Obstacle_NotLinux_NamesTheSystem()
    {
        var obstacle = (DebianRoot with { OperatingSystemName = "Microsoft Windows 10.0.26100", IsLinux = false }).Obstacle();

        Assert.Equal("a throw-away server needs Linux (Debian's postgresql package), and this is Microsoft Windows 10.0.26100", obstacle);
    }

    [Fact]
    public void Obstacle_NotInstalledAndNoAptGet_SaysNotDebian()
    {
        var obstacle = (DebianRoot with { BinDirectory = null, HasAptGet = false }).Obstacle();

        Assert.Equal("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and there is no apt-get to install it with (not Debian or a Debian-like Linux)", obstacle);
    }

    [Fact]
    public void Obstacle_NotInstalledAndNotRoot_NamesTheUser()
    {
        var obstacle = (DebianRoot with { BinDirectory = null, UserName = "dev", IsRoot = false }).Obstacle();

        Assert.Equal("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and this process runs as dev, not root, so it cannot install it (apt-get install postgresql needs root)", obstacle);
    }

    [Fact]
    public void Explain_TheTestsNeeds_NamesCauseVariableAndRights()
    {
        var reason = PostgreSqlHost.Explain("initdb failed (exit code 1): x", PostgreSqlServer.ExternalServerVariable, PostgreSqlServer.ExternalServerNeeds);

        Assert.Equal(
            "No throw-away PostgreSQL server here: initdb failed (exit code 1): x. To use an existing server instead, set BUYINGJOURNEY_TEST_POSTGRES to a connection string "
            + "of a server (PostgreSQL 12 or later) whose user may create databases (CREATEDB): each test class creates a database of its own, test_<guid>, and drops it when done.",
            reason);
    }

    [Fact]
    public void Shorten_LongMultiLineOutput_KeepsTheEndOnOneLine()
    {
        var output = new string('x', 2000) + "\n  \nE: Unable to locate package postgresql\n";

        var shortened = PostgreSqlHost.Shorten(output);

        Assert.Equal(PostgreSqlHost.ToolOutputLength + 1, shortened.Length);
        Assert.StartsWith("…x", shortened, StringComparison.Ordinal);
        Assert.EndsWith("x | E: Unable to locate package postgresql", shortened, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', shortened);
    }

    [Fact]
    public void Shorten_ShortOrEmptyOutput_IsKeptOrSaysSo()
    {
        Assert.Equal("initdb: error: cannot be run as root", PostgreSqlHost.Shorten(" initdb: error: cannot be run as root\n"));
        Assert.Equal("(no output)", PostgreSqlHost.Shorten(" \n "));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("github-actions", true)]
    public void IsCi_ValueOfCi_IsAnythingButEmptyOrFalse(string? ci, bool expected)
        => Assert.Equal(expected, PostgreSqlTestGate.IsCi(ci));

    [Fact]
    public void Refusal_OutsideCi_IsASkipWithTheReason()
    {
        var refusal = PostgreSqlTestGate.Refusal("no server", ci: null);

        Assert.IsType<SkipException>(refusal);
        Assert.True(PostgreSqlTestGate.IsSkip(refusal));
        Assert.Equal(Xunit.v3.DynamicSkipToken.Value + "no server", refusal.Message);
    }

    [Fact]
    public void Refusal_UnderCi_IsAFailureWithTheReason()
    {
        var refusal = PostgreSqlTestGate.Refusal("no server", ci: "true");

        Assert.False(PostgreSqlTestGate.IsSkip(refusal));
        Assert.Equal("CI=true, so the PostgreSQL tests may not be skipped and fail instead: no server", refusal.Message);
    }

    [Fact]
    public void NeedsServer_ClassesTakingTheServerOrADatabase_AndNoOthers()
    {
        Assert.True(PostgreSqlTestGate.NeedsServer(typeof(PostgreSqlServerTests)));
        Assert.True(PostgreSqlTestGate.NeedsServer(typeof(PostgreSqlJourneyStoreTests)));
        Assert.False(PostgreSqlTestGate.NeedsServer(typeof(PostgreSqlHostTests)));
        Assert.False(PostgreSqlTestGate.NeedsServer(typeof(DocumentationTests)));
    }
}
