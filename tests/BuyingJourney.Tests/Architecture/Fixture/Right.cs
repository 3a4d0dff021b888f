namespace BuyingJourney.Tests.Architecture.Fixture.Right;

/// <summary>Uses Left only through a <c>typeof</c> in a method body (an <c>ldtoken</c>).</summary>
internal static class RightType
{
    public static int Value() => typeof(Left.LeftType).Name.Length;
}
