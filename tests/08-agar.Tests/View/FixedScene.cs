using Agar.Game;

namespace Agar.Tests.View;

/// <summary>A small world placed by hand, the same every run: the scene frame tests draw.</summary>
internal static class FixedScene
{
    public static WorldView Build()
    {
        var world = new World(new WorldSettings { Width = 600, Height = 400, PelletTarget = 12, Seed = 42 });
        Player you = world.AddPlayer("You", new Rgb(0x1E88E5));
        Player big = world.AddPlayer("Grace", new Rgb(0xE6194B));
        Player small = world.AddPlayer("Ken", new Rgb(0x3CB44B));
        you.Position = new Vec2(300, 200);
        you.Mass = 40;
        big.Position = new Vec2(420, 150);
        big.Mass = 90;
        small.Position = new Vec2(200, 260);
        small.Mass = 20;
        return AreaOfInterest.ViewFor(world, you.Id);
    }
}
