using Xunit;

namespace Offloading.Tests.Scale;

/// <summary>
/// The scale-out tests start a dozen processes between them (servers, redis-server, haproxy) on a
/// two-core machine. They run one at a time and alone, so they do not steal the cores that the tick
/// timing tests of this project measure, nor each other's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection
{
    public const string Name = "scale-out";
}
