using Course.Testing;
using Offloading.Scale;
using Xunit;

namespace Offloading.Tests.Scale;

/// <summary>
/// A fact that needs haproxy and redis-server, found the way the demo finds them (PATH, then /usr/sbin).
/// Where either is missing the test is skipped with the install command, except under <c>CI=true</c>:
/// there a missing program fails the test instead of hiding it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsScaleOutFactAttribute : FactAttribute
{
    public NeedsScaleOutFactAttribute()
    {
        string[] missing = [.. new[] { ScaleTools.HaProxy, ScaleTools.RedisServer }.Where(p => ScaleTools.TryFind(p) is null)];
        if (missing.Length > 0 && !ExternalProgram.OnCi)
            Skip = $"needs {string.Join(" and ", missing)}: install with `{ScaleTools.InstallHint}`";
    }
}
