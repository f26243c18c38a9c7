"""Train the market-value regression: LightGBM on statement features predicting market capitalisation.

Follows the reference steps one at a time and reports each on the test split: base LightGBM on the
raw target, then dropping training companies larger by revenue than the largest company being
valued, then a Box-Cox target, then Optuna tuning on the validation split. Linear, ridge and
random-forest regressions on ln(market cap) and a sector price-to-sales multiple are the baselines.
The last step is exported to ONNX.

    cd models && .venv/bin/python -m market_value.train --data <export dir> --out artifacts/market_value
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import lightgbm as lgb
import numpy as np
import optuna
from scipy import special, stats
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import LinearRegression, RidgeCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .data import Dataset, Samples, read_companies
from .export import export_artifact

MODEL_VERSION = "market-value-1"
EOK = 1e8  # 1억원 in KRW; Box-Cox runs on market cap in 억원
_STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:6.1f} s] {message}", flush=True)


def scores(predicted: np.ndarray, truth: np.ndarray) -> dict:
    """MAE in 억원 and median absolute percentage error over the companies with a prediction."""
    valued = np.isfinite(predicted)
    error = np.abs(predicted[valued] - truth[valued])
    return {
        "companies": int(valued.sum()),
        "of": int(len(truth)),
        "maeEok": float(error.mean() / EOK) if valued.any() else None,
        "medianApe": float(np.median(error / truth[valued])) if valued.any() else None,
    }


def sector_multiple(train: Samples, test: Samples, minimum: int = 5) -> np.ndarray:
    """Median price-to-sales per sector on the training split (market median for small sectors)."""
    ok = train.revenue > 0
    ratios = train.cap[ok] / train.revenue[ok]
    sectors = np.array([s or "" for s in train.sector])[ok]
    market = float(np.median(ratios))
    by_sector = {s: float(np.median(ratios[sectors == s])) for s in set(sectors) if s and (sectors == s).sum() >= minimum}
    multiple = np.array([by_sector.get(s or "", market) for s in test.sector])
    return np.where(test.revenue > 0, multiple * test.revenue, np.nan)


def lgb_params(seed: int, **overrides) -> dict:
    return {"n_estimators": 300, "learning_rate": 0.05, "num_leaves": 31, "min_child_samples": 20,
            "random_state": seed, "deterministic": True, "n_jobs": 1, "verbose": -1, **overrides}


def tune(x: np.ndarray, z: np.ndarray, lam: float, validation: Samples, trials: int, seed: int) -> dict:
    """Optuna TPE search minimising the validation mean absolute error of ln(market cap)."""

    def objective(trial: optuna.Trial) -> float:
        params = lgb_params(
            seed,
            n_estimators=trial.suggest_int("n_estimators", 100, 800, step=50),
            learning_rate=trial.suggest_float("learning_rate", 0.01, 0.2, log=True),
            num_leaves=trial.suggest_int("num_leaves", 4, 64, log=True),
            min_child_samples=trial.suggest_int("min_child_samples", 5, 60),
            subsample=trial.suggest_float("subsample", 0.6, 1.0),
            subsample_freq=1,
            colsample_bytree=trial.suggest_float("colsample_bytree", 0.5, 1.0),
            reg_lambda=trial.suggest_float("reg_lambda", 1e-3, 10.0, log=True),
        )
        model = lgb.LGBMRegressor(**params).fit(x, z)
        cap = inverse(model.predict(validation.x), lam)
        return float(np.mean(np.abs(np.log(cap) - np.log(validation.cap))))

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=trials, callbacks=[
        lambda s, t: log(f"optuna trial {t.number + 1}/{trials}: {t.value:.4f} (best {s.best_value:.4f})")
        if (t.number + 1) % 10 == 0 else None
    ])
    return {**lgb_params(seed, subsample_freq=1), **study.best_params, "validationMaeLog": study.best_value}


def inverse(z: np.ndarray, lam: float) -> np.ndarray:
    """Market cap in KRW from the Box-Cox value of market cap in 억원 (the engine does the same)."""
    return special.inv_boxcox(z, lam) * EOK


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="folder written by `exitbot export valuation-data`")
    parser.add_argument("--out", required=True, help="artifact folder (market-value.onnx, .json, parity fixture)")
    parser.add_argument("--trials", type=int, default=40, help="Optuna trials")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-size-filter", action="store_true", help="keep training companies of any revenue")
    parser.add_argument("--max-revenue-krw", type=float, default=None,
                        help="size-filter bound; default the largest latest revenue in the test split")
    parser.add_argument("--dataset", default="demo", help="label stored in the metadata, e.g. demo or real")
    args = parser.parse_args()

    data: Dataset = read_companies(Path(args.data) / "valuation-companies.arrow")
    train, validation, test = data.splits["train"], data.splits["validation"], data.splits["test"]
    log(f"companies: {len(train.cap)} train, {len(validation.cap)} validation, {len(test.cap)} test; "
        f"{len(data.feature_names)} features")
    ln_train = np.log(train.cap)
    metrics: dict[str, dict] = {"sector_ps_multiple": scores(sector_multiple(train, test), test.cap)}
    for name, model in {
        "linear": LinearRegression(),
        "ridge": make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-2, 3, 12))),
        "random_forest": RandomForestRegressor(n_estimators=300, min_samples_leaf=3, random_state=args.seed, n_jobs=1),
    }.items():
        metrics[name] = scores(np.exp(model.fit(train.x, ln_train).predict(test.x)), test.cap)

    base = lgb.LGBMRegressor(**lgb_params(args.seed)).fit(train.x, train.cap)
    metrics["lightgbm_base"] = scores(base.predict(test.x), test.cap)

    bound = args.max_revenue_krw or float(np.nanmax(test.revenue))
    keep = np.ones(len(train.cap), bool) if args.no_size_filter else ~(train.revenue > bound)
    log(f"size filter {'off' if args.no_size_filter else f'at {bound / EOK:,.0f} 억원'}: "
        f"{int(keep.sum())} of {len(keep)} training companies kept")
    x_kept, cap_kept = train.x[keep], train.cap[keep]
    filtered = lgb.LGBMRegressor(**lgb_params(args.seed)).fit(x_kept, cap_kept)
    metrics["lightgbm_size_filter"] = scores(filtered.predict(test.x), test.cap)

    z, lam = stats.boxcox(cap_kept / EOK)
    skew = {"raw": float(stats.skew(cap_kept)), "boxCox": float(stats.skew(z))}
    log(f"Box-Cox lambda {lam:.4f}; skewness {skew['raw']:.2f} raw, {skew['boxCox']:.2f} after")
    boxcox_model = lgb.LGBMRegressor(**lgb_params(args.seed)).fit(x_kept, z)
    metrics["lightgbm_boxcox"] = scores(inverse(boxcox_model.predict(test.x), lam), test.cap)

    best = tune(x_kept, z, lam, validation, args.trials, args.seed)
    params = {k: v for k, v in best.items() if k != "validationMaeLog"}
    tuned = lgb.LGBMRegressor(**params).fit(x_kept, z)
    metrics["lightgbm_optuna"] = scores(inverse(tuned.predict(test.x), lam), test.cap)
    for name, values in metrics.items():
        log(f"{name}: {values}")

    metadata = {
        "modelVersion": MODEL_VERSION,
        "dataset": args.dataset,
        "trainingDataSha256": data.sha256,
        "featureNames": data.feature_names,
        "sectors": data.sectors,
        "target": "Box-Cox of market capitalisation in 억원",
        "boxCox": {"lambda": float(lam), "unitKrw": EOK, "skewness": skew},
        "sizeFilter": None if args.no_size_filter else {"maxRevenueKrw": bound, "kept": int(keep.sum()), "of": len(keep)},
        "hyperParameters": params,
        "optuna": {"trials": args.trials, "seed": args.seed, "validationMaeLog": best["validationMaeLog"]},
        "companies": {k: len(v.cap) for k, v in data.splits.items()},
        "metrics": {"split": "test", **metrics},
    }
    export_artifact(tuned, metadata, train.x, Path(args.out), args.seed)
    log(f"exported to {args.out}")
    print(json.dumps({k: [v["maeEok"], v["medianApe"]] for k, v in metrics.items()}))


if __name__ == "__main__":
    main()
