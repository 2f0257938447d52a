-- articles whose page is not in pages
select a.article_id, a.page_id
from articles as a
left join pages as p using (page_id)
where p.page_id is null
