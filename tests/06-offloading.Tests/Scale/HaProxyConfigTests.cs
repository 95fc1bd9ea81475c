using System.Net;
using Offloading.Scale;
using Xunit;

namespace Offloading.Tests.Scale;

/// <summary>The configuration the demo writes for HAProxy; the page shows this snapshot.</summary>
public sealed class HaProxyConfigTests
{
    [Fact]
    public void Two_servers_behind_one_front_door()
    {
        string config = HaProxyConfig.Write(5006, [("A", new IPEndPoint(IPAddress.Loopback, 40001)), ("B", new IPEndPoint(IPAddress.Loopback, 40002))]);
        Assert.Contains("timeout tunnel", config); // without it an idle web socket is cut after "timeout client"
        Snapshot.Match(config);
    }
}
