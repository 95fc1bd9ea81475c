namespace Agar.Game;

public sealed partial class World
{
    private void EatPellets()
    {
        double pelletMass = Settings.PelletMass;
        foreach (Player player in _players.Values)
        {
            // "Covers" means the pellet's centre is inside the player's circle.
            double radius = player.Radius;
            _nearbyPellets.Clear();
            _pelletGrid.QueryCircle(player.Position, radius, _nearbyPellets);
            foreach (Pellet pellet in _nearbyPellets)
            {
                if (Vec2.DistanceSquared(pellet.Position, player.Position) >= Sq(radius)) continue;
                _pellets.Remove(pellet.Id);
                _pelletGrid.Remove(pellet, pellet.Position);
                player.Mass += pelletMass;
                _events.Add(new WorldEvent(Tick, WorldEventKind.AtePellet, player.Id, pellet.Id, player.Mass));
            }
        }
    }

    private void EatPlayers()
    {
        _playerGrid.Clear();
        foreach (Player player in _players.Values) _playerGrid.Insert(player, player.Position);

        // Heaviest first, ties by id: the order is part of the rules, so it must not depend on a hash.
        _eatenThisTick.Clear();
        foreach (Player eater in _players.Values.OrderByDescending(p => p.Mass).ThenBy(p => p.Id).ToList())
        {
            if (_eatenThisTick.Contains(eater.Id)) continue;
            _nearby.Clear();
            _playerGrid.QueryCircle(eater.Position, eater.Radius, _nearby);
            _nearby.Sort(ById);
            foreach (Player victim in _nearby)
            {
                int victimId = victim.Id;
                if (victimId == eater.Id || _eatenThisTick.Contains(victimId)) continue;
                if (victim.Mass > Settings.EatRatio * eater.Mass) continue;
                if (Vec2.DistanceSquared(victim.Position, eater.Position) >= Sq(eater.Radius)) continue;
                eater.Mass += victim.Mass;
                _eatenThisTick.Add(victimId);
                _events.Add(new WorldEvent(Tick, WorldEventKind.AtePlayer, eater.Id, victimId, eater.Mass));
            }
        }

        foreach (int victimId in _eatenThisTick.Order())
        {
            Player victim = _players[victimId];
            victim.Mass = Settings.StartMass;
            victim.Position = SpawnPoint();
            victim.Respawns++;
            // Keep the sequence number (older inputs must stay refused) but stop: the player steers anew.
            victim.Input = victim.Input with { DirectionX = 0, DirectionY = 0 };
            _events.Add(new WorldEvent(Tick, WorldEventKind.Respawned, victimId, 0, victim.Mass));
        }
    }

    private void TopUpPellets()
    {
        while (_pellets.Count < Settings.PelletTarget)
        {
            var pellet = new Pellet(_nextPelletId++, RandomPoint(), Rgb.Palette[_random.Next(Rgb.Palette.Length)]);
            _pellets.Add(pellet.Id, pellet);
            _pelletGrid.Insert(pellet, pellet.Position);
        }
    }
}
