using System.Diagnostics;
using System.Net;
using Chase;
using Netcode.Peers;
using Netcode.State;
using Netcode.Wire;
using Xunit.Abstractions;

namespace Netcode.Tests.Hostile;

/// <summary>
/// A million mutated packages through each decoder that reads bytes from a socket, then the same million
/// through a running server's receive loop: only the library's format exception may come out of a decoder,
/// and the receive loop must come out the other end still serving.
/// </summary>
public sealed class DecoderFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 1_000_000;
    private const int Seed = 20261206;
    /// <summary>The run's bound: far above what a million cases take (a few seconds), so only a hang trips it.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(240);

    [Fact]
    public void A_million_mutated_packages_only_ever_raise_FormatException()
    {
        var mutator = new PackageMutator(Seed);
        var unexpected = new List<string>();
        long refused = 0, accepted = 0;
        var clock = Stopwatch.StartNew();
        int n = 0;
        for (; n < Cases && clock.Elapsed < Budget; n++)
        {
            byte[] bytes = (n % 3) switch { 0 => mutator.ClientPackage(), 1 => mutator.ServerPackage(), _ => mutator.Update() };
            try
            {
                switch (n % 3)
                {
                    case 0: Packages.DecodeClient(bytes); break;
                    case 1:
                        var (_, update, _) = Packages.DecodeServer(bytes);
                        GameStateUpdate.Decode(update);
                        break;
                    default: GameStateUpdate.Decode(bytes); break;
                }
                accepted++;
            }
            catch (FormatException) { refused++; }
            catch (Exception e)
            {
                if (unexpected.Count < 5) unexpected.Add($"case {n}: {e.GetType().Name}: {e.Message}\n  bytes {Convert.ToHexString(bytes)}\n{e.StackTrace}");
            }
        }
        output.WriteLine($"{n:N0} cases in {clock.Elapsed.TotalSeconds:F1} s: {accepted:N0} decoded, {refused:N0} refused with FormatException");
        Assert.True(unexpected.Count == 0, "decoders threw something else than FormatException:\n" + string.Join("\n", unexpected));
        Assert.True(n == Cases, $"only {n:N0} of {Cases:N0} cases ran within {Budget.TotalSeconds} s");
        // A fuzz that never gets past the first check tests nothing: make sure both outcomes are common.
        Assert.True(accepted > Cases / 20 && refused > Cases / 5, $"decoded {accepted:N0}, refused {refused:N0}: the mutations no longer reach the decoders' depths");
    }

    [Fact]
    public async Task The_receive_loop_survives_the_same_million_and_goes_on_serving()
    {
        // No limits: every case must reach the decoders, not be dropped by the flood guard first.
        await using Backend backend = ChaseGame.Create(new PeerOptions { Limits = ServerLimits.None });
        var transport = new FuzzTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var mutator = new PackageMutator(Seed);
        for (int n = 0; n < Cases; n++) transport.Inject(mutator.ClientPackage(), n);
        await backend.StartAsync(transport);

        var clock = Stopwatch.StartNew();
        // A receive loop that dies stops taking datagrams: fail at once instead of waiting out the budget.
        for (int waiting = transport.Waiting, stalled = 0; waiting > 0 && clock.Elapsed < Budget; stalled = transport.Waiting == waiting ? stalled + 1 : 0, waiting = transport.Waiting)
        {
            Assert.True(stalled < 50, $"the receive loop stopped taking datagrams with {waiting:N0} left");
            await Task.Delay(100);
        }
        output.WriteLine($"{Cases:N0} datagrams through the receive loop in {clock.Elapsed.TotalSeconds:F1} s: {backend.Server.Stats.Malformed:N0} malformed, " +
                         $"{backend.Server.Stats.Faults} faults, {backend.Server.Connections.Count} connections, {backend.Machine.HandlerFailures:N0} handler failures");
        Assert.Equal(0, transport.Waiting);
        Assert.Equal(0, backend.Server.Stats.Faults);
        await Alive.AssertServing(backend.Server.EndPoint, "a million mutated packages");
    }
}
