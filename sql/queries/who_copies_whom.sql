-- the syndication network with outlet names: the strongest copy relations first, and how fast
-- copies follow (median hours where both articles carry a time, else days)
select
    n.source_outlet,
    s.name as source_name,
    n.copier_outlet,
    c.name as copier_name,
    n.n_copies,
    n.n_stories,
    round(n.median_delay_hours, 1) as median_delay_hours,
    n.median_delay_days
from syndication_network as n
left join outlets as s on s.outlet_id = n.source_outlet
left join outlets as c on c.outlet_id = n.copier_outlet
order by n.n_copies desc, n.n_stories desc, n.source_outlet, n.copier_outlet
