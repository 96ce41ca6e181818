namespace Samenreken.Fairness.Tests;

public sealed class MonitoringPlanTests
{
    [Fact]
    public void Hash_IgnoresAttributeOrder_ButNotSettings()
    {
        var plan = MonitoringPlan.Create(["sex", "age band"], ["AOW build-up"]);
        Assert.Equal(plan.CanonicalHash, MonitoringPlan.Create(["age band", "sex"], ["AOW build-up"]).CanonicalHash);
        Assert.Equal(64, plan.CanonicalHash.Length);

        Assert.NotEqual(plan.CanonicalHash, MonitoringPlan.Create(["sex", "age band"], ["AOW build-up"], alpha: 0.01).CanonicalHash);
        Assert.NotEqual(plan.CanonicalHash, MonitoringPlan.Create(["sex", "age band"], []).CanonicalHash);
        Assert.NotEqual(plan.CanonicalHash, MonitoringPlan.Create(["sex", "age band"], ["AOW build-up"], minimumGroupSize: 11).CanonicalHash);
        Assert.NotEqual(plan.CanonicalHash, MonitoringPlan.Create(["sex", "age band"], ["AOW build-up"], new Dictionary<string, string> { ["sex"] = "M" }).CanonicalHash);
        // Length prefixes keep names apart that a plain separator would run together.
        Assert.NotEqual(MonitoringPlan.Create(["a,b"], intersectionDepth: 1).CanonicalHash, MonitoringPlan.Create(["a", "b"], intersectionDepth: 1).CanonicalHash);
    }

    [Theory]
    [InlineData(0.0, "alpha")]
    [InlineData(0.5, "alpha")]
    public void Create_InvalidAlpha_Throws(double alpha, string parameter)
        => Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => MonitoringPlan.Create(["sex"], alpha: alpha, intersectionDepth: 1)).ParamName);

    [Fact]
    public void Create_InvalidSettings_ThrowWithTheirName()
    {
        Assert.Equal("attributes", Assert.Throws<ArgumentException>(() => MonitoringPlan.Create([])).ParamName);
        Assert.Equal("attributes", Assert.Throws<ArgumentException>(() => MonitoringPlan.Create(["sex", "sex"])).ParamName);
        Assert.Equal("intersectionDepth", Assert.Throws<ArgumentOutOfRangeException>(() => MonitoringPlan.Create(["sex"], intersectionDepth: 2)).ParamName);
        Assert.Equal("lowerRateRatio", Assert.Throws<ArgumentOutOfRangeException>(() => MonitoringPlan.Create(["sex"], intersectionDepth: 1, lowerRateRatio: 1.1)).ParamName);
        Assert.Equal("upperRateRatio", Assert.Throws<ArgumentOutOfRangeException>(() => MonitoringPlan.Create(["sex"], intersectionDepth: 1, upperRateRatio: 0.9)).ParamName);
        Assert.Equal("minimumGroupSize", Assert.Throws<ArgumentOutOfRangeException>(() => MonitoringPlan.Create(["sex"], intersectionDepth: 1, minimumGroupSize: 0)).ParamName);
        Assert.Equal("referenceGroups", Assert.Throws<ArgumentException>(
            () => MonitoringPlan.Create(["sex"], referenceGroups: new Dictionary<string, string> { ["region"] = "West" }, intersectionDepth: 1)).ParamName);
    }
}
