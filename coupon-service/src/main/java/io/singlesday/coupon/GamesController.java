package io.singlesday.coupon;

import io.singlesday.coupon.booklet.Booklets;
import io.singlesday.coupon.cat.CatDrops;
import io.singlesday.coupon.draw.Draws;
import io.singlesday.coupon.qr.QrCodes;
import io.singlesday.platform.identity.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.UUID;

/** The ways to win a coupon besides a click: operators set the games up, shoppers play them. */
@RestController
@RequestMapping("/api/coupons")
public class GamesController {

    private final Draws draws;
    private final CatDrops cats;
    private final Booklets booklets;
    private final QrCodes qr;

    public GamesController(Draws draws, CatDrops cats, Booklets booklets, QrCodes qr) {
        this.draws = draws;
        this.cats = cats;
        this.booklets = booklets;
        this.qr = qr;
    }

    @PostMapping("/draws")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    public Draws.Draw createDraw(@Valid @RequestBody Draws.DrawRequest request) {
        return draws.create(request);
    }

    @GetMapping("/draws/{id}")
    public Draws.Draw draw(@PathVariable UUID id) {
        return draws.find(id);
    }

    @PostMapping("/draws/{id}/entries")
    @PreAuthorize("hasRole('SHOPPER')")
    public Draws.Entry enter(@PathVariable UUID id, Authentication auth) {
        return draws.enter(id, Caller.of(auth).subject());
    }

    @PostMapping("/cat-drops")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    public CatDrops.Drop drop(@Valid @RequestBody CatDrops.DropRequest request) {
        return cats.create(request);
    }

    @PostMapping("/cat-drops/{id}/catches")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('SHOPPER')")
    public CatDrops.Catch tryToCatch(@PathVariable UUID id, @Valid @RequestBody CatDrops.Position position, Authentication auth) {
        return cats.tryToCatch(id, Caller.of(auth).subject(), position);
    }

    @PostMapping("/booklets")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    public Booklets.Booklet booklet(@Valid @RequestBody Booklets.BookletRequest request) {
        return booklets.create(request);
    }

    @GetMapping("/booklets/{id}/progress")
    @PreAuthorize("hasRole('SHOPPER')")
    public Booklets.Progress progress(@PathVariable UUID id, Authentication auth) {
        return booklets.progress(id, Caller.of(auth).subject());
    }

    @PostMapping("/qr-codes")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    public QrCodes.QrCode qrCode(@Valid @RequestBody QrCodes.QrRequest request) {
        return qr.create(request);
    }

    @PostMapping("/qr-codes/{code}/claims")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('SHOPPER')")
    public Map<String, String> scan(@PathVariable String code, Authentication auth) {
        return Map.of("code", qr.scan(code, Caller.of(auth).subject()));
    }
}
