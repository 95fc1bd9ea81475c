using Agar.Game;
using Agar.Net;
using Netcode.Wire;

namespace Agar.Tests.Net;

/// <summary>The server writes views straight into bytes; they must be exactly what the general encoder writes, and read back the same.</summary>
public sealed class ViewMessageTests
{
    [Fact]
    public void A_view_written_straight_into_bytes_is_byte_for_byte_the_general_encoding()
    {
        var world = new World(new WorldSettings { Width = 1200, Height = 800, PelletTarget = 300, Seed = 9 });
        for (int i = 0; i < 30; i++) world.AddPlayer(i % 3 == 0 ? $"Zażółć {i}" : BotNames.For(i));
        var feed = new ViewFeed(1);
        for (int tick = 0; tick < 20; tick++)
        {
            world.Step(world.Settings.TickSeconds);
            ViewMessage view = feed.Next(world, (uint)tick * 7, budget: 900);
            byte[] direct = view.Encode();
            Assert.Equal(Convert.ToHexString(view.ToEvent().Encode()), Convert.ToHexString(direct));
            ViewMessage back = ViewMessage.FromEvent(NetEvent.Decode(direct));
            Assert.Equal(view.Tick, back.Tick);
            Assert.Equal(view.Names, back.Names);
            Assert.Equal(view.Removed, back.Removed);
            Assert.Equal(view.Added.Select(p => p.Id), back.Added.Select(p => p.Id));
            if (tick % 2 == 0) feed.Acknowledge(view.Tick);
        }
    }
}
