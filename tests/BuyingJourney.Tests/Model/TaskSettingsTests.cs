using System;
using BuyingJourney.Model;
using Xunit;

namespace BuyingJourney.Tests.Model;

public sealed class TaskSettingsTests
{
    public static TheoryData<string, double> OutOfRangeValues
    {
        get
        {
            var data = new TheoryData<string, double>();
            foreach (var setting in NumberSettings)
            {
                foreach (var value in BadNumbers)
                {
                    data.Add(setting, value);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> NumberSettingNames => [.. NumberSettings];

    private static readonly string[] NumberSettings =
    [
        nameof(TaskSettings.ActivationThreshold),
        nameof(TaskSettings.ReopenThreshold),
        nameof(TaskSettings.DormancyThreshold),
        nameof(TaskSettings.StrongWeight),
        nameof(TaskSettings.NormalWeight),
        nameof(TaskSettings.WeakWeight),
    ];

    private static readonly double[] BadNumbers = [0, -0.1, -1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1000.001, 1e9];

    [Fact]
    public void Default_HasTheDocumentedValues()
    {
        var settings = TaskSettings.Default;

        Assert.Equal(TimeSpan.FromDays(14), settings.HalfLife);
        Assert.Equal(0.5, settings.ActivationThreshold);
        Assert.Equal(0.8, settings.ReopenThreshold);
        Assert.Equal(0.2, settings.DormancyThreshold);
        Assert.Equal(1.0, settings.StrongWeight);
        Assert.Equal(0.6, settings.NormalWeight);
        Assert.Equal(0.3, settings.WeakWeight);
    }

    [Fact]
    public void Default_EqualsANewInstance()
    {
        Assert.Equal(TaskSettings.Default, new TaskSettings());
        Assert.Same(TaskSettings.Default, TaskSettings.Default);
    }

    [Fact]
    public void With_ChangedValue_IsNotEqualAndLeavesTheDefaultAlone()
    {
        var changed = TaskSettings.Default with { HalfLife = TimeSpan.FromDays(7) };

        Assert.NotEqual(TaskSettings.Default, changed);
        Assert.Equal(TimeSpan.FromDays(14), TaskSettings.Default.HalfLife);
        Assert.Equal(TimeSpan.FromDays(7), changed.HalfLife);
    }

    [Fact]
    public void Limits_AreTenYearsAndOneThousand()
    {
        Assert.Equal(TimeSpan.FromDays(3650), TaskSettings.MaxHalfLife);
        Assert.Equal(1000, TaskSettings.MaxValue);
    }

    [Theory]
    [MemberData(nameof(OutOfRangeValues))]
    public void Validation_NumberOutOfRange_ThrowsNamingTheSettingAndTheTask(string setting, double value)
    {
        var settings = With(setting, value);

        var ex = Assert.Throws<ArgumentException>(() => ModelWith(settings));

        Assert.Equal(setting, ex.ParamName);
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        Assert.Contains("task \"t\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NumberSettingNames))]
    public void Validation_WeightAtMaxValue_IsAccepted(string setting)
    {
        // Keep the thresholds in order while pushing one number to the limit.
        var settings = setting switch
        {
            nameof(TaskSettings.ActivationThreshold) or nameof(TaskSettings.ReopenThreshold)
                => new TaskSettings { ActivationThreshold = TaskSettings.MaxValue, ReopenThreshold = TaskSettings.MaxValue },
            nameof(TaskSettings.DormancyThreshold)
                => new TaskSettings { DormancyThreshold = 999, ActivationThreshold = TaskSettings.MaxValue, ReopenThreshold = TaskSettings.MaxValue },
            _ => With(setting, TaskSettings.MaxValue),
        };

        var model = ModelWith(settings);

        Assert.Same(settings, model.SettingsOf("t"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(999)]
    public void Validation_HalfLifeUnderOneSecond_ThrowsNamingHalfLife(long milliseconds)
    {
        var settings = new TaskSettings { HalfLife = TimeSpan.FromMilliseconds(milliseconds) };

        var ex = Assert.Throws<ArgumentException>(() => ModelWith(settings));

        Assert.Equal(nameof(TaskSettings.HalfLife), ex.ParamName);
        Assert.Contains("HalfLife", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_HalfLifeOverTenYears_ThrowsNamingHalfLife()
    {
        var settings = new TaskSettings { HalfLife = TaskSettings.MaxHalfLife + TimeSpan.FromTicks(1) };

        var ex = Assert.Throws<ArgumentException>(() => ModelWith(settings));

        Assert.Equal(nameof(TaskSettings.HalfLife), ex.ParamName);
        Assert.Contains("3650 days", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_HalfLifeAtItsLimits_IsAccepted()
    {
        var shortest = ModelWith(new TaskSettings { HalfLife = TimeSpan.FromSeconds(1) });
        var longest = ModelWith(new TaskSettings { HalfLife = TaskSettings.MaxHalfLife });

        Assert.Equal(TimeSpan.FromSeconds(1), shortest.SettingsOf("t").HalfLife);
        Assert.Equal(TaskSettings.MaxHalfLife, longest.SettingsOf("t").HalfLife);
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.6, 0.5)]
    public void Validation_DormancyNotBelowActivation_ThrowsNamingDormancyThreshold(double dormancy, double activation)
    {
        var settings = new TaskSettings { DormancyThreshold = dormancy, ActivationThreshold = activation };

        var ex = Assert.Throws<ArgumentException>(() => ModelWith(settings));

        Assert.Equal(nameof(TaskSettings.DormancyThreshold), ex.ParamName);
        Assert.Contains(nameof(TaskSettings.ActivationThreshold), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_ReopenBelowActivation_ThrowsNamingReopenThreshold()
    {
        var settings = new TaskSettings { ActivationThreshold = 0.9, ReopenThreshold = 0.8 };

        var ex = Assert.Throws<ArgumentException>(() => ModelWith(settings));

        Assert.Equal(nameof(TaskSettings.ReopenThreshold), ex.ParamName);
        Assert.Contains(nameof(TaskSettings.ActivationThreshold), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_ReopenEqualToActivation_IsAccepted()
    {
        var settings = new TaskSettings { ActivationThreshold = 0.8, ReopenThreshold = 0.8 };

        var model = ModelWith(settings);

        Assert.Equal(0.8, model.SettingsOf("t").ReopenThreshold);
    }

    [Fact]
    public void Validation_WeightsNeedNotBeOrdered()
    {
        // Only the thresholds have an order; a weak weight above the strong one is a legal (if odd) choice.
        var settings = new TaskSettings { WeakWeight = 2, StrongWeight = 0.1 };

        var model = ModelWith(settings);

        Assert.Equal(2, model.SettingsOf("t").WeakWeight);
    }

    private static BuyingModel ModelWith(TaskSettings settings)
        => new("m", [new TaskDefinition("t", "T", "Q?", settings: settings)]);

    private static TaskSettings With(string setting, double value) => setting switch
    {
        nameof(TaskSettings.ActivationThreshold) => new TaskSettings { ActivationThreshold = value },
        nameof(TaskSettings.ReopenThreshold) => new TaskSettings { ReopenThreshold = value },
        nameof(TaskSettings.DormancyThreshold) => new TaskSettings { DormancyThreshold = value },
        nameof(TaskSettings.StrongWeight) => new TaskSettings { StrongWeight = value },
        nameof(TaskSettings.NormalWeight) => new TaskSettings { NormalWeight = value },
        nameof(TaskSettings.WeakWeight) => new TaskSettings { WeakWeight = value },
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "unknown setting"),
    };
}
