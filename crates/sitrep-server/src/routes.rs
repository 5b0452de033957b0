//! The routes and their handlers.

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use axum::routing::get;
use serde::{Deserialize, Serialize};
use sitrep_link::{ActorIndex, QuoteFilter, build_report, speaker_quotes};
use sitrep_model::{Actor, AnnotatedArticle, ArticleId, Report, SpeakerQuotes};
use sitrep_store::Store;

use crate::AppState;
use crate::error::ApiError;

/// The most hits one search returns.
const MAX_SEARCH_LIMIT: usize = 100;

pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/api/report", get(report))
        .route("/api/quotes", get(quotes))
        .route("/api/entities", get(entities))
        .route("/api/search", get(search))
        .route("/api/articles/{id}", get(article))
        .with_state(state)
}

/// Runs store work on the blocking pool.
async fn with_store<T: Send + 'static>(
    state: AppState,
    work: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || {
        let store = state.store.lock().map_err(|_| ApiError::Internal("store lock poisoned".to_string()))?;
        work(&store)
    })
    .await
    .map_err(|err| ApiError::Internal(err.to_string()))?
}

async fn index(State(state): State<AppState>) -> Result<Html<String>, ApiError> {
    let report = with_store(state, |store| Ok(build_report(&store.articles()?))).await?;
    Ok(Html(crate::html::report_page(&report)))
}

async fn report(State(state): State<AppState>) -> Result<Json<Report>, ApiError> {
    with_store(state, |store| Ok(Json(build_report(&store.articles()?)))).await
}

#[derive(Debug, Deserialize)]
struct QuotesQuery {
    speaker: Option<String>,
    about: Option<String>,
}

async fn quotes(
    State(state): State<AppState>,
    Query(query): Query<QuotesQuery>,
) -> Result<Json<Vec<SpeakerQuotes>>, ApiError> {
    with_store(state, move |store| {
        let articles = store.articles()?;
        let actors = ActorIndex::build(&articles);
        let filter = QuoteFilter { speaker: query.speaker, about: query.about };
        Ok(Json(speaker_quotes(&articles, &actors, &filter).0))
    })
    .await
}

async fn entities(State(state): State<AppState>) -> Result<Json<Vec<Actor>>, ApiError> {
    with_store(state, |store| Ok(Json(build_report(&store.articles()?).actors))).await
}

#[derive(Debug, Deserialize)]
struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
}

#[derive(Debug, Serialize)]
struct SearchHitJson {
    article: ArticleId,
    title: Option<String>,
    site: Option<String>,
    published: Option<sitrep_model::SourceTime>,
    score: f32,
    snippet: String,
}

async fn search(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> Result<Json<Vec<SearchHitJson>>, ApiError> {
    let text = query
        .q
        .filter(|q| !q.trim().is_empty())
        .ok_or_else(|| ApiError::BadRequest("missing query: pass ?q=words".to_string()))?;
    let limit = query.limit.unwrap_or(10);
    if limit == 0 || limit > MAX_SEARCH_LIMIT {
        return Err(ApiError::BadRequest(format!("limit must be between 1 and {MAX_SEARCH_LIMIT}, not {limit}")));
    }
    with_store(state, move |store| {
        let hits = store.search(&text, limit)?;
        Ok(Json(
            hits.into_iter()
                .map(|hit| SearchHitJson {
                    article: hit.article,
                    title: hit.title,
                    site: hit.site,
                    published: hit.published,
                    score: hit.score,
                    snippet: hit.snippet,
                })
                .collect(),
        ))
    })
    .await
}

async fn article(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<AnnotatedArticle>, ApiError> {
    if id.len() != 16 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ApiError::BadRequest(format!("{id:?} is not an article id (16 hex digits)")));
    }
    with_store(state, move |store| match store.get(&ArticleId(id.clone()))? {
        Some(annotated) => Ok(Json(annotated)),
        None => Err(ApiError::NotFound(format!("no article {id}"))),
    })
    .await
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use sitrep_model::{AnnotatedArticle, Annotations, Article, ArticleId, SourceFormat};
    use sitrep_store::Store;
    use tower::ServiceExt;

    use crate::app;

    fn store_with_article() -> (Store, String) {
        let text = "Talks resumed in Geneva on Monday.";
        let article = Article {
            id: ArticleId::from_content(None, text),
            url: None,
            site: Some("example.org".to_string()),
            title: Some("Talks resume".to_string()),
            authors: vec![],
            published: None,
            modified: None,
            language: Some("en".to_string()),
            text: text.to_string(),
            format: SourceFormat::Text,
        };
        let id = article.id.0.clone();
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[AnnotatedArticle::new(article, Annotations::default())]).unwrap();
        (store, id)
    }

    async fn get(uri: &str) -> (StatusCode, String) {
        let (store, _) = store_with_article();
        let response = app(store).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        (status, String::from_utf8_lossy(&bytes).to_string())
    }

    #[tokio::test]
    async fn report_and_search() {
        let (status, body) = get("/api/report").await;
        assert_eq!(status, StatusCode::OK);
        let report: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(report["n_articles"], 1);
        let (status, body) = get("/api/search?q=Geneva").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("Talks resume"), "{body}");
    }

    #[tokio::test]
    async fn client_mistakes_are_4xx_with_a_message() {
        let (status, body) = get("/api/search").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("missing query"));
        let (status, _) = get("/api/search?q=x&limit=1000").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = get("/api/articles/not-an-id").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = get("/api/articles/0000000000000000").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn article_and_index_page() {
        let (store, id) = store_with_article();
        let router = app(store);
        let response = router
            .clone()
            .oneshot(Request::get(format!("/api/articles/{id}")).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let response = router.oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains("<h1>Situation report</h1>"));
    }
}
