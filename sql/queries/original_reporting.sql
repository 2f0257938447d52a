-- outlets ranked by original reporting: how much of what they publish they wrote themselves
select
    outlet_id,
    name,
    kind,
    n_articles,
    n_original,
    n_copies,
    n_credited_elsewhere,
    round(original_share, 3) as original_share,
    languages
from outlet_profile
where n_articles > 0
order by original_share desc, n_original desc, outlet_id
