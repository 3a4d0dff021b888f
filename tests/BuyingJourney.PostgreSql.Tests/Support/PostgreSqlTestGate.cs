using System;
using System.Linq;
using System.Reflection;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace BuyingJourney.PostgreSql.Tests.Support;

/// <summary>
/// What a PostgreSQL test does when there is no server: skip with the reason, or, under CI (where the tests must run
/// against a real server), fail with it.
/// </summary>
public static class PostgreSqlTestGate
{
    /// <summary>The variable CI sets (<c>.ci/run</c> runs with <c>CI=true</c>).</summary>
    public const string CiVariable = "CI";

    /// <summary>Whether <paramref name="ci"/>, the value of <see cref="CiVariable"/>, means a CI run: anything but empty or "false".</summary>
    public static bool IsCi(string? ci) => !string.IsNullOrWhiteSpace(ci) && !string.Equals(ci.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The exception a test that needs the server throws when there is none: xunit's dynamic skip carrying
    /// <paramref name="reason"/>, or under CI a failure carrying it.
    /// </summary>
    public static Exception Refusal(string reason, string? ci)
        => IsCi(ci)
            ? new XunitException($"{CiVariable}={ci}, so the PostgreSQL tests may not be skipped and fail instead: {reason}")
            : SkipException.ForSkip(reason);

    /// <summary>Whether xunit reports <paramref name="exception"/> as a skip rather than a failure.</summary>
    public static bool IsSkip(Exception exception) => exception.Message.StartsWith(Xunit.v3.DynamicSkipToken.Value, StringComparison.Ordinal);

    /// <summary>Whether tests of <paramref name="testClass"/> need the server: its constructor takes the server or a database.</summary>
    public static bool NeedsServer(Type testClass)
        => testClass.GetConstructors().Any(constructor => constructor.GetParameters()
            .Any(parameter => parameter.ParameterType == typeof(PostgreSqlServer) || parameter.ParameterType == typeof(PostgreSqlDatabase)));
}

/// <summary>
/// Before each test of a class that takes the <see cref="PostgreSqlServer"/> or a <see cref="PostgreSqlDatabase"/>:
/// when no server can be had, skips the test with the reason (fails it under CI), so each PostgreSQL test is decided in
/// this one place rather than failing in its fixture or its first query.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class PostgreSqlTestGateAttribute : BeforeAfterTestAttribute
{
    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (!PostgreSqlTestGate.NeedsServer(test.TestCase.TestClass.Class))
        {
            return;
        }

        // The assembly fixture exists already; a class with a database fixture has tried the server in its set-up, so
        // the start is done and waiting returns at once; only a class that takes the server alone may wait here.
        var server = TestContext.Current.GetFixture<PostgreSqlServer>().AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("the PostgreSqlServer assembly fixture is missing.");
        server.StartAsync().GetAwaiter().GetResult();
        server.ThrowIfUnavailable();
    }
}
