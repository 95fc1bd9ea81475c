using Agar.Game;
using Agar.Net;
using FsCheck.Xunit;
using Netcode.Wire;

namespace Agar.Tests.Net;

/// <summary>
/// Area of interest as deltas, without sockets: a server's <see cref="ViewFeed"/> and a client's
/// <see cref="Snapshots"/> joined by a channel that loses, doubles, delays and reorders views, and by an
/// acknowledgement channel that is just as bad. Whatever arrives, the client must rebuild exactly what the
/// server recorded it would hold.
/// </summary>
public sealed class DeltaChainTests
{
    private sealed record InFlight(long DueTick, ViewMessage View);

    [Property(MaxTest = 60)]
    public bool The_client_rebuilds_exactly_what_the_server_recorded_under_loss_duplicates_and_reordering(int seed)
    {
        var random = new Random(seed);
        var world = new World(new WorldSettings { Width = 1400, Height = 900, PelletTarget = 160, Seed = (ulong)(uint)seed });
        var brains = Enumerable.Range(0, 8).Select(i => new BotBrain(world.AddPlayer(BotNames.For(i)).Id, (ulong)(seed + i))).ToList();
        var feed = new ViewFeed(brains[0].PlayerId);
        var client = new Snapshots();
        var views = new List<InFlight>();
        var acks = new List<(long DueTick, long ViewTick)>();
        int deltasChecked = 0;

        for (long now = 1; now <= 240; now++)
        {
            foreach (BotBrain brain in brains) world.SetInput(brain.PlayerId, brain.Decide(AreaOfInterest.ViewFor(world, brain.PlayerId)));
            world.Step(world.Settings.TickSeconds);
            // A small budget, so views often have to leave pellets and names for later ones.
            ViewMessage sent = feed.Next(world, 0, budget: 420);
            Assert.True(sent.ToEvent().Encode().Length <= 420, "a view outgrew its budget");
            // Through the wire format, as a client would get it: 10 % lost, 5 % doubled, 0 to 3 ticks late.
            ViewMessage received = ViewMessage.FromEvent(NetEvent.Decode(sent.ToEvent().Encode()));
            if (random.NextDouble() >= 0.10) views.Add(new InFlight(now + random.Next(0, 4), received));
            if (random.NextDouble() < 0.05) views.Add(new InFlight(now + random.Next(0, 5), received));

            foreach (InFlight arrived in views.Where(v => v.DueTick == now).ToList())
            {
                views.Remove(arrived);
                client.Apply(arrived.View, now);
                // The package that carried it is acknowledged later, and the acknowledgement may be lost too.
                if (random.NextDouble() >= 0.10) acks.Add((now + random.Next(1, 4), arrived.View.Tick));
                if (client.PelletIdsAt(arrived.View.Tick) is { } rebuilt && feed.KnownAt(arrived.View.Tick) is { } recorded)
                {
                    if (!rebuilt.Order().SequenceEqual(recorded)) return false;
                    if (arrived.View.BaseTick != 0) deltasChecked++;
                }
            }
            foreach (var ack in acks.Where(a => a.DueTick == now).ToList())
            {
                acks.Remove(ack);
                feed.Acknowledge(ack.ViewTick);
            }
        }
        return deltasChecked > 50; // the chain was exercised: most views were deltas on an acknowledged base
    }
}
