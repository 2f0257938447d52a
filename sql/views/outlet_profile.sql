-- per outlet: volume, share of original reporting (articles that are their story's original and
-- credited to the outlet itself) versus copies, what it carries written by others, languages.
with per_outlet as (
    select
        outlet_id,
        count(*) as n_articles,
        count(*) filter (
            where is_original and credited_outlet is not distinct from outlet_id
        ) as n_original,
        count(*) filter (where not is_original) as n_copies,
        count(*) filter (where credited_outlet is distinct from outlet_id) as n_credited_elsewhere,
        count(distinct day) as n_days,
        min(day) as first_day,
        max(day) as last_day
    from article_facts
    group by outlet_id
),

languages as (
    select outlet_id, language, count(*) as n
    from article_facts
    group by outlet_id, language
),

language_lists as (
    select
        outlet_id,
        string_agg(coalesce(language, 'null') || ' ' || n, ', ' order by n desc, language) as languages,
        arg_max(language, n) as main_language
    from languages
    group by outlet_id
),

page_counts as (
    select outlet_id, count(*) as n_pages, count(*) filter (where error is not null) as n_failed_pages
    from pages
    group by outlet_id
)

select
    o.outlet_id,
    o.name,
    o.kind,
    coalesce(p.n_pages, 0) as n_pages,
    coalesce(p.n_failed_pages, 0) as n_failed_pages,
    coalesce(a.n_articles, 0) as n_articles,
    coalesce(a.n_original, 0) as n_original,
    coalesce(a.n_copies, 0) as n_copies,
    coalesce(a.n_credited_elsewhere, 0) as n_credited_elsewhere,
    a.n_original / nullif(a.n_articles, 0) as original_share,
    l.main_language,
    l.languages,
    a.n_days,
    a.n_articles / nullif(a.n_days, 0) as articles_per_day,
    a.first_day,
    a.last_day
from outlets as o
left join per_outlet as a using (outlet_id)
left join language_lists as l using (outlet_id)
left join page_counts as p using (outlet_id)
